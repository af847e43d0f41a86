package io.pishkhan.admin.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.admin.internal.FakeMetaType.Ad;
import io.pishkhan.api.admin.ConfigField;
import io.pishkhan.api.admin.ConfigField.Type;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;

class FormsTest {
    static final FakeMetaType.Ocd OCD = new FakeMetaType.Ocd("io.pishkhan.demo", "Demo")
            .add(new Ad("port", AttributeDefinition.INTEGER, "8080").range("1", "65535"))
            .add(new Ad("name", AttributeDefinition.STRING).range("2", "10"))
            .add(new Ad("mode", AttributeDefinition.STRING, "fast")
                    .options(new String[] {"fast", "safe"}, new String[] {"Fast", "Safe"}))
            .add(new Ad("hosts", AttributeDefinition.STRING, "a", "b").cardinality(2))
            .add(new Ad("weights", AttributeDefinition.DOUBLE).cardinality(-5).notRequired())
            .add(new Ad("enabled", AttributeDefinition.BOOLEAN, "true"))
            .add(new Ad("secret", AttributeDefinition.PASSWORD).notRequired())
            .add(new Ad("code", AttributeDefinition.STRING, "x").rejecting("forbidden"))
            .addOptional(new Ad("ratio", AttributeDefinition.FLOAT))
            .addOptional(new Ad("tiny", AttributeDefinition.BYTE));

    static Map<String, ConfigField> fields() {
        Map<String, ConfigField> m = new LinkedHashMap<>();
        Forms.fields(OCD).forEach(f -> m.put(f.id(), f));
        return m;
    }

    static Map<String, String> validate(Map<String, List<String>> values, Hashtable<String, Object> current) {
        return Forms.validate(Forms.fields(OCD), Forms.attributes(OCD), values, current);
    }

    @Test
    void mapsAttributeDefinitionsToFields() {
        Map<String, ConfigField> f = fields();
        assertEquals(List.of("port", "name", "mode", "hosts", "weights", "enabled", "secret", "code", "ratio",
                "tiny"), List.copyOf(f.keySet()));
        ConfigField port = f.get("port");
        assertEquals(Type.INTEGER, port.type());
        assertEquals(List.of("8080"), port.defaults());
        assertFalse(port.required(), "has a default");
        assertEquals("1", port.min());
        assertEquals("65535", port.max());
        assertEquals("Field port", port.name());
        assertTrue(f.get("name").required(), "no default, not optional");
        assertFalse(f.get("weights").required(), "required=false in the XML");
        assertFalse(f.get("ratio").required(), "optional in the OCD");
        assertEquals(Map.of("fast", "Fast", "safe", "Safe"), f.get("mode").options());
        assertEquals(List.of("fast", "safe"), List.copyOf(f.get("mode").options().keySet()), "in order");
        assertEquals(2, f.get("hosts").cardinality());
        assertEquals(-5, f.get("weights").cardinality());
        assertEquals(Type.PASSWORD, f.get("secret").type());
        assertEquals(Type.BOOLEAN, f.get("enabled").type());
        assertEquals(Type.FLOAT, f.get("ratio").type());
        assertEquals(Type.BYTE, f.get("tiny").type());
    }

    @Test
    void readsMinAndMaxThroughFelixsPrivateField() {
        ConfigField f = Forms.field(new FakeMetaType.Wrapper(new Ad("n", AttributeDefinition.LONG).range("5", "9")),
                false);
        assertEquals("5", f.min());
        assertEquals("9", f.max());
        assertEquals(Type.LONG, f.type());
        ConfigField plain = Forms.field(new AttributeDefinition() {
            @Override
            public String validate(String value) {
                return null;
            }

            @Override
            public String getID() {
                return "p";
            }

            @Override
            public String getName() {
                return null;
            }

            @Override
            public int getType() {
                return AttributeDefinition.STRING;
            }

            @Override
            public String[] getDefaultValue() {
                return null;
            }

            @Override
            public String[] getOptionValues() {
                return null;
            }

            @Override
            public String[] getOptionLabels() {
                return null;
            }

            @Override
            public String getDescription() {
                return null;
            }

            @Override
            public int getCardinality() {
                return 0;
            }
        }, false);
        assertNull(plain.min(), "no Felix AD behind it");
        assertEquals("p", plain.name());
        assertTrue(plain.required());
    }

    @Test
    void validatesTypesRangesOptionsAndCardinality() {
        Map<String, List<String>> v = new LinkedHashMap<>();
        v.put("port", List.of("80a"));
        v.put("name", List.of("x"));
        v.put("mode", List.of("slow"));
        v.put("hosts", List.of("h1", "h2", "h3"));
        v.put("enabled", List.of("yes"));
        v.put("ratio", List.of("abc"));
        v.put("tiny", List.of("300"));
        v.put("code", List.of("forbidden"));
        v.put("nope", List.of("1"));
        Map<String, String> errors = validate(v, null);
        assertEquals("must be a whole number", errors.get("port"));
        assertEquals("must be at least 2 characters long", errors.get("name"));
        assertEquals("must be one of: Fast, Safe", errors.get("mode"));
        assertEquals("at most 2 values", errors.get("hosts"));
        assertEquals("must be true or false", errors.get("enabled"));
        assertEquals("must be a number", errors.get("ratio"));
        assertEquals("must be a whole number between -128 and 127", errors.get("tiny"));
        assertEquals("invalid value", errors.get("code"), "AttributeDefinition.validate is asked too");
        assertEquals("unknown field", errors.get("nope"));
    }

    @Test
    void validatesRangesRequiredAndSingleValues() {
        Map<String, String> errors = validate(Map.of("port", List.of("70000"), "name", List.of(" "),
                "weights", List.of("1.5", "x")), null);
        assertEquals("must be at most 65535", errors.get("port"));
        assertEquals("required", errors.get("name"));
        assertEquals("'x': must be a number", errors.get("weights"));
        assertEquals("must be at least 1", validate(Map.of("port", List.of("0"), "name", List.of("ab")), null)
                .get("port"));
        assertEquals("a single value is expected",
                validate(Map.of("port", List.of("1", "2"), "name", List.of("ab")), null).get("port"));
        assertEquals("must be a whole number between -2147483648 and 2147483647",
                validate(Map.of("port", List.of("99999999999"), "name", List.of("ab")), null).get("port"));
    }

    @Test
    void aRequiredFieldNotSubmittedIsFineWhenConfiguredAlready() {
        assertEquals(Map.of("name", "required"), validate(Map.of("port", List.of("81")), null));
        Hashtable<String, Object> current = new Hashtable<>();
        current.put("name", "abc");
        assertEquals(Map.of(), validate(Map.of("port", List.of(" 81 ")), current));
    }

    @Test
    void convertsToTheDeclaredTypes() {
        Map<String, ConfigField> f = fields();
        assertEquals(8081, Forms.convert(f.get("port"), List.of(" 8081 ")));
        assertEquals(Boolean.FALSE, Forms.convert(f.get("enabled"), List.of("FALSE")));
        assertArrayEquals(new String[] {"x", "y"}, (String[]) Forms.convert(f.get("hosts"), List.of("x", "", "y")));
        assertEquals(List.of(1.5, 2.0), Forms.convert(f.get("weights"), List.of("1.5", "2")));
        assertEquals(0.5f, Forms.convert(f.get("ratio"), List.of("0.5")));
        assertEquals((byte) -3, Forms.convert(f.get("tiny"), List.of("-3")));
        assertNull(Forms.convert(f.get("name"), List.of("")), "no value: the key is removed");
    }

    @Test
    void currentValuesAreStringsWithPasswordsMasked() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("port", 9090);
        props.put("hosts", new String[] {"a", "b"});
        props.put("weights", List.of(1.0, 2.5));
        props.put("secret", "s3cret");
        props.put("other", "not a field");
        Map<String, List<String>> values = Forms.values(Forms.fields(OCD), props);
        assertEquals(Map.of("port", List.of("9090"), "hosts", List.of("a", "b"), "weights", List.of("1.0", "2.5"),
                "secret", List.of(Forms.MASK)), values);
        String audit = Forms.auditText(Forms.fields(OCD), props);
        assertFalse(audit.contains("s3cret"), audit);
        assertEquals("{hosts=[a, b], other=not a field, port=9090, secret=" + Forms.MASK + ", weights=[1.0, 2.5]}",
                audit);
    }
}
