package io.pishkhan.admin.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** Small implementations of the MetaType interfaces for tests. */
final class FakeMetaType implements MetaTypeService {
    final Map<Long, Info> infos = new HashMap<>();

    Info info(Bundle b) {
        return infos.computeIfAbsent(b.getBundleId(), id -> new Info(b));
    }

    @Override
    public MetaTypeInformation getMetaTypeInformation(Bundle bundle) {
        return infos.get(bundle.getBundleId());
    }

    static final class Info implements MetaTypeInformation {
        final Bundle bundle;
        final Map<String, Ocd> pids = new HashMap<>();
        final Map<String, Ocd> factoryPids = new HashMap<>();

        Info(Bundle bundle) {
            this.bundle = bundle;
        }

        @Override
        public String[] getPids() {
            return pids.keySet().toArray(new String[0]);
        }

        @Override
        public String[] getFactoryPids() {
            return factoryPids.keySet().toArray(new String[0]);
        }

        @Override
        public Bundle getBundle() {
            return bundle;
        }

        @Override
        public ObjectClassDefinition getObjectClassDefinition(String id, String locale) {
            Ocd ocd = pids.containsKey(id) ? pids.get(id) : factoryPids.get(id);
            if (ocd == null) {
                throw new IllegalArgumentException("no OCD for " + id);
            }
            return ocd;
        }

        @Override
        public String[] getLocales() {
            return null;
        }
    }

    static final class Ocd implements ObjectClassDefinition {
        final String id;
        final String name;
        final List<AttributeDefinition> required = new ArrayList<>();
        final List<AttributeDefinition> optional = new ArrayList<>();

        Ocd(String id, String name) {
            this.id = id;
            this.name = name;
        }

        Ocd add(AttributeDefinition ad) {
            required.add(ad);
            return this;
        }

        Ocd addOptional(AttributeDefinition ad) {
            optional.add(ad);
            return this;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getID() {
            return id;
        }

        @Override
        public String getDescription() {
            return "about " + name;
        }

        @Override
        public AttributeDefinition[] getAttributeDefinitions(int filter) {
            List<AttributeDefinition> out = new ArrayList<>();
            if (filter != OPTIONAL) {
                out.addAll(required);
            }
            if (filter != REQUIRED) {
                out.addAll(optional);
            }
            return out.isEmpty() ? null : out.toArray(new AttributeDefinition[0]);
        }

        @Override
        public InputStream getIcon(int size) {
            return null;
        }
    }

    /** Like Felix's AD: public getMin/getMax/isRequired beside the metatype 1.4 methods. */
    public static final class Ad implements AttributeDefinition {
        final String id;
        final int type;
        int cardinality;
        String[] defaults;
        String min;
        String max;
        boolean xmlRequired = true;
        String[] optionValues;
        String[] optionLabels;
        String rejects;

        Ad(String id, int type, String... defaults) {
            this.id = id;
            this.type = type;
            this.defaults = defaults.length == 0 ? null : defaults;
        }

        Ad cardinality(int c) {
            cardinality = c;
            return this;
        }

        Ad range(String lo, String hi) {
            min = lo;
            max = hi;
            return this;
        }

        Ad options(String[] values, String[] labels) {
            optionValues = values;
            optionLabels = labels;
            return this;
        }

        Ad notRequired() {
            xmlRequired = false;
            return this;
        }

        /** {@link #validate} rejects this value with a Felix-style message key. */
        Ad rejecting(String value) {
            rejects = value;
            return this;
        }

        public String getMin() {
            return min;
        }

        public String getMax() {
            return max;
        }

        public boolean isRequired() {
            return xmlRequired;
        }

        @Override
        public String getName() {
            return "Field " + id;
        }

        @Override
        public String getID() {
            return id;
        }

        @Override
        public String getDescription() {
            return "the " + id;
        }

        @Override
        public int getCardinality() {
            return cardinality;
        }

        @Override
        public int getType() {
            return type;
        }

        @Override
        public String[] getOptionValues() {
            return optionValues;
        }

        @Override
        public String[] getOptionLabels() {
            return optionLabels;
        }

        @Override
        public String validate(String value) {
            return value.equals(rejects) ? "%invalid value" : "";
        }

        @Override
        public String[] getDefaultValue() {
            return defaults;
        }
    }

    /** Like Felix's localized wrapper: min/max only reachable through its private field {@code ad}. */
    static final class Wrapper implements AttributeDefinition {
        @SuppressWarnings("unused")
        private final Ad ad;

        Wrapper(Ad ad) {
            this.ad = ad;
        }

        @Override
        public String getName() {
            return ad.getName();
        }

        @Override
        public String getID() {
            return ad.getID();
        }

        @Override
        public String getDescription() {
            return ad.getDescription();
        }

        @Override
        public int getCardinality() {
            return ad.getCardinality();
        }

        @Override
        public int getType() {
            return ad.getType();
        }

        @Override
        public String[] getOptionValues() {
            return ad.getOptionValues();
        }

        @Override
        public String[] getOptionLabels() {
            return ad.getOptionLabels();
        }

        @Override
        public String validate(String value) {
            return ad.validate(value);
        }

        @Override
        public String[] getDefaultValue() {
            return ad.getDefaultValue();
        }
    }
}
