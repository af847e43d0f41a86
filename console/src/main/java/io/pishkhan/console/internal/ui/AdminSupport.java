package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.pishkhan.api.routing.PolicyValidationException;
import io.pishkhan.api.routing.RuleSetException;
import io.pishkhan.api.store.AuditRecord;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.logic.Dates;
import io.pishkhan.console.internal.logic.InputException;
import io.pishkhan.console.internal.logic.RoutingText;
import io.pishkhan.console.internal.web.ConsoleI18N;
import io.pishkhan.console.internal.web.ConsoleSession;
import java.time.ZoneId;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the routing admin views share: the status line and notifications, error texts, the "not installed" notice,
 * the audit grid. Every value from data is set as text ({@code setText}, grid text columns), never as HTML.
 */
final class AdminSupport {
    private AdminSupport() {
    }

    /** The user name of the logged-in admin: the actor of every audited change. */
    static String actor() {
        ConsoleUser u = ConsoleSession.user();
        return u == null ? "" : u.name();
    }

    /** Admins change things; everyone else who may open the view (supervisors) only reads. */
    static boolean mayEdit() {
        ConsoleUser u = ConsoleSession.user();
        return u != null && u.isAdmin();
    }

    /** The view's status line ({@code data-kind} = ok or error, for tests) and a notification. */
    static void ok(Span status, String text) {
        status.setText(text);
        status.getElement().setAttribute("data-kind", "ok");
        Notification n = Notification.show(text, 3000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    static void error(Span status, String text) {
        status.setText(text);
        status.getElement().setAttribute("data-kind", "error");
        Notification n = Notification.show(text, 6000, Notification.Position.MIDDLE);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    static Span statusLine(String id) {
        Span s = new Span();
        s.setId(id);
        s.addClassName("pk-status");
        s.getElement().setAttribute("dir", "auto");
        return s;
    }

    /** A sentence for a failed action: the problems the service named, or the exception's message. */
    static String errorText(Throwable e, Locale locale) {
        if (e instanceof InputException ie) {
            Object[] args = ie.args();
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Integer n) {
                    args[i] = RoutingText.digits(n, ConsoleI18N.isPersian(locale));
                }
            }
            return ConsoleI18N.translate(ie.key(), locale, args);
        }
        if (e instanceof PolicyValidationException pe && !pe.problems().isEmpty()) {
            return String.join("; ", pe.problems());
        }
        if (e instanceof RuleSetException re && !re.problems().isEmpty()) {
            return re.problems().stream().map(p -> problemLine(p.line(), p.message(), locale))
                    .collect(Collectors.joining("; "));
        }
        String m = e.getMessage();
        if (e instanceof IllegalArgumentException && m != null && !m.isBlank()) {
            return m;
        }
        return ConsoleI18N.translate("error.action", locale, m == null ? e.getClass().getSimpleName() : m);
    }

    static String problemLine(int line, String message, Locale locale) {
        return ConsoleI18N.translate("rules.problem", locale,
                RoutingText.digits(line, ConsoleI18N.isPersian(locale)), message);
    }

    /** Shown instead of a view's content when the service behind it is not installed. */
    static Component notInstalled(String id, String text) {
        Span s = new Span(text);
        s.setId(id);
        s.addClassName("pk-missing");
        return s;
    }

    static Grid<AuditRecord> auditGrid(String id, Locale l, ZoneId zone) {
        boolean fa = ConsoleI18N.isPersian(l);
        Grid<AuditRecord> g = new Grid<>();
        g.setId(id);
        g.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        g.addColumn(r -> Dates.format(r.at(), zone, fa)).setHeader(t(l, "audit.at")).setAutoWidth(true)
                .setFlexGrow(0);
        g.addColumn(AuditRecord::actor).setHeader(t(l, "audit.actor")).setAutoWidth(true).setFlexGrow(0);
        g.addColumn(AuditRecord::kind).setHeader(t(l, "audit.kind")).setAutoWidth(true).setFlexGrow(0);
        g.addColumn(AuditRecord::entityId).setHeader(t(l, "audit.entity")).setAutoWidth(true).setFlexGrow(0);
        g.addColumn(AuditRecord::action).setHeader(t(l, "audit.action")).setAutoWidth(true).setFlexGrow(0);
        g.addColumn(AuditRecord::detail).setHeader(t(l, "audit.detail")).setFlexGrow(1)
                .setTooltipGenerator(AuditRecord::detail);
        g.setHeight("260px");
        return g;
    }

    static String t(Locale l, String key, Object... args) {
        return ConsoleI18N.translate(key, l, args);
    }
}
