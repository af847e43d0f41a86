package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.di.DefaultInstantiator;
import com.vaadin.flow.di.Instantiator;
import com.vaadin.flow.function.DeploymentConfiguration;
import com.vaadin.flow.i18n.I18NProvider;
import com.vaadin.flow.internal.CurrentInstance;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServletService;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.shared.communication.PushMode;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.web.ConsoleI18N;
import io.pishkhan.console.internal.web.ConsoleServlet;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * A server-side Vaadin environment without servlet container or browser: a service whose servlet hands out the
 * given {@link Console}, a locked session with a logged-in user, a UI in the chosen language. Views are built and
 * their buttons clicked on the server, as in a request.
 */
final class ViewHarness implements AutoCloseable {
    final UI ui;
    final VaadinSession session;

    ViewHarness(Console console, ConsoleUser user, Locale locale) {
        DeploymentConfiguration config = configuration(DeploymentConfiguration.class);
        ConsoleServlet servlet = new ConsoleServlet(console);

        I18NProvider i18n = new ConsoleI18N();
        VaadinServletService service = new VaadinServletService(servlet, config) {
            private static final long serialVersionUID = 1L;
            private final Instantiator instantiator = new DefaultInstantiator(this) {
                private static final long serialVersionUID = 1L;

                @Override
                public I18NProvider getI18NProvider() {
                    return i18n;
                }

                @Override
                public Stream<com.vaadin.flow.server.VaadinServiceInitListener> getServiceInitListeners() {
                    return Stream.empty();
                }
            };

            @Override
            public Instantiator getInstantiator() {
                return instantiator;
            }

            @Override
            protected com.vaadin.flow.server.VaadinContext constructVaadinContext() {
                MapContext c = new MapContext();
                c.setAttribute(com.vaadin.flow.server.startup.ApplicationConfiguration.class,
                        configuration(com.vaadin.flow.server.startup.ApplicationConfiguration.class));
                return c;
            }
        };
        CurrentInstance.set(VaadinService.class, service);
        ReentrantLock lock = new ReentrantLock();
        session = new VaadinSession(service) {
            private static final long serialVersionUID = 1L;

            @Override
            public java.util.concurrent.locks.Lock getLockInstance() {
                return lock;
            }

            @Override
            public boolean hasLock() {
                return true;
            }

            @Override
            public void checkHasLock(String message) {
            }

            @Override
            public void checkHasLock() {
            }
        };
        VaadinSession.setCurrent(session);
        if (user != null) {
            session.setAttribute(ConsoleUser.class, user);
        }
        ui = new UI();
        ui.getInternals().setSession(session);
        ui.setLocale(locale);
        UI.setCurrent(ui);
    }

    /** A production-mode configuration: every other setting at its type's default. */
    static <T> T configuration(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(ViewHarness.class.getClassLoader(), new Class<?>[] {type},
                (p, m, a) -> switch (m.getName()) {
                    case "isProductionMode" -> true;
                    case "getPushMode" -> PushMode.DISABLED;
                    case "getInitParameters" -> new Properties();
                    case "getApplicationOrSystemProperty" -> a[1];
                    case "getStringProperty" -> a[1];
                    case "getBooleanProperty" -> a[1];
                    case "hashCode" -> 1;
                    case "equals" -> p == a[0];
                    case "toString" -> "test configuration";
                    default -> m.getReturnType() == boolean.class ? false
                            : m.getReturnType() == int.class ? 0 : m.getReturnType() == long.class ? 0L : null;
                }));
    }

    /** A VaadinContext without servlet context: attributes in a map, no parameters. */
    static final class MapContext implements com.vaadin.flow.server.VaadinContext {
        private static final long serialVersionUID = 1L;
        private final java.util.Map<Class<?>, Object> attributes = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public <T> T getAttribute(Class<T> type, java.util.function.Supplier<T> defaultValueSupplier) {
            Object v = attributes.get(type);
            if (v == null && defaultValueSupplier != null) {
                v = defaultValueSupplier.get();
                if (v != null) {
                    attributes.put(type, v);
                }
            }
            return type.cast(v);
        }

        @Override
        public <T> void setAttribute(Class<T> type, T value) {
            if (value == null) {
                attributes.remove(type);
            } else {
                attributes.put(type, value);
            }
        }

        @Override
        public void removeAttribute(Class<?> type) {
            attributes.remove(type);
        }

        @Override
        public java.util.Enumeration<String> getContextParameterNames() {
            return java.util.Collections.emptyEnumeration();
        }

        @Override
        public String getContextParameter(String name) {
            return null;
        }
    }

    <T extends Component> T show(T view) {
        ui.add(view);
        return view;
    }

    /** The component with this id under {@code root}, or empty. */
    static Optional<Component> find(Component root, String id) {
        if (root.getId().filter(id::equals).isPresent()) {
            return Optional.of(root);
        }
        return root.getChildren().map(c -> find(c, id)).flatMap(Optional::stream).findFirst();
    }

    @SuppressWarnings("unchecked")
    static <T extends Component> T get(Component root, String id) {
        return (T) find(root, id).orElseThrow(() -> new AssertionError("no element #" + id));
    }

    @Override
    public void close() {
        CurrentInstance.clearAll();
    }
}
