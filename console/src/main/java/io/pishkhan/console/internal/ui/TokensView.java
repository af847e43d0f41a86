package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.pishkhan.api.security.ApiToken;
import io.pishkhan.api.security.IssuedToken;
import io.pishkhan.api.security.TokenService;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.logic.Dates;
import io.pishkhan.console.internal.logic.RoutingText;
import io.pishkhan.console.internal.logic.SecurityText;
import io.pishkhan.console.internal.web.ConsoleI18N;
import io.pishkhan.console.internal.web.ConsoleServlet;
import io.pishkhan.console.internal.web.RequiresRole;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * API tokens ({@code /console/tokens}, admins): create one (name, role, optional expiry day -- Jalali in Persian --);
 * its secret is shown once, in a dialog, and never again; the tokens (also revoked and expired ones) with role,
 * creator, dates and state; revoke (confirmed).
 */
@Route(value = "tokens", layout = MainLayout.class)
@RequiresRole(ConsoleUser.ADMIN)
public class TokensView extends VerticalLayout implements HasDynamicTitle {
    private static final long serialVersionUID = 1L;

    private final transient Console console = ConsoleServlet.console();
    private final boolean fa = ConsoleI18N.isPersian(getLocale());
    private final ZoneId zone = console.settings().zone();
    private final Span status = AdminSupport.statusLine("tokens-status");
    private final Grid<ApiToken> grid = new Grid<>();
    private final TextField name = new TextField();
    private final Select<String> role = new Select<>();
    private final TextField expires = new TextField();

    public TokensView() {
        setWidthFull();
        add(new H3(t("nav.tokens")), status);
        if (console.tokens().isEmpty()) {
            add(AdminSupport.notInstalled("tokens-missing", t("tokens.missing")));
            return;
        }
        add(new H4(t("tokens.create")), form(), grid());
        refresh();
    }

    @Override
    public String getPageTitle() {
        return t("nav.tokens") + " · " + t("app.name");
    }

    private String t(String key, Object... args) {
        return getTranslation(key, args);
    }

    void refresh() {
        console.tokens().ifPresent(s -> {
            try {
                grid.setItems(s.list());
            } catch (RuntimeException e) {
                AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
            }
        });
    }

    String stateLabel(ApiToken tk) {
        return t("tokens.state." + SecurityText.tokenState(tk, Instant.now()));
    }

    private Component form() {
        name.setId("token-name");
        name.setLabel(t("tokens.name"));
        name.setPlaceholder("crm-sync");
        name.getElement().setAttribute("dir", "auto");
        role.setId("token-role");
        role.setLabel(t("tokens.role"));
        role.setItems(SecurityText.ROLES);
        role.setItemLabelGenerator(r -> t("users.role." + r));
        role.setValue("agent");
        expires.setId("token-expires");
        expires.setLabel(t("tokens.expires"));
        expires.setPlaceholder(fa ? Dates.day(LocalDate.now(zone).plusDays(90), true)
                : LocalDate.now(zone).plusDays(90).toString());
        expires.setHelperText(t("tokens.expires.hint"));
        expires.getElement().setAttribute("dir", "ltr");
        Button create = new Button(t("tokens.create.button"), e -> create());
        create.setId("token-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout h = new HorizontalLayout(name, role, expires, create);
        h.setAlignItems(FlexComponent.Alignment.BASELINE);
        h.getStyle().set("flex-wrap", "wrap");
        return h;
    }

    private Component grid() {
        grid.setId("tokens-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(ApiToken::name).setHeader(t("tokens.name")).setAutoWidth(true);
        grid.addColumn(ApiToken::id).setHeader(t("tokens.id")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(tk -> t("users.role." + tk.role())).setHeader(t("tokens.role")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(tk -> tk.createdBy() == null ? "" : tk.createdBy()).setHeader(t("audit.actor"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(tk -> Dates.format(tk.createdAt(), zone, fa)).setHeader(t("users.created")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(tk -> tk.expiresAt() == null ? t("tokens.never") : Dates.format(tk.expiresAt(), zone, fa))
                .setHeader(t("tokens.expires")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(tk -> Dates.format(tk.lastUsedAt(), zone, fa)).setHeader(t("tokens.lastUsed"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(this::stateLabel).setHeader(t("users.state")).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(tk -> {
            if (tk.revokedAt() != null) {
                return new Span();
            }
            Button b = new Button(t("tokens.revoke"), e -> confirmRevoke(tk));
            b.setId("token-revoke-" + tk.id());
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            return b;
        }).setAutoWidth(true).setFlexGrow(1);
        grid.setHeight("380px");
        return grid;
    }

    void create() {
        Optional<TokenService> s = console.tokens();
        if (s.isEmpty()) {
            AdminSupport.error(status, t("tokens.missing"));
            return;
        }
        String n = RoutingText.blankToNull(name.getValue());
        if (n == null) {
            AdminSupport.error(status, t("input.required", name.getLabel()));
            return;
        }
        IssuedToken issued;
        try {
            Instant expiry = SecurityText.expiry(expires.getValue(), fa, zone, Instant.now());
            issued = s.get().create(n, role.getValue(), expiry, AdminSupport.actor());
        } catch (RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
            return;
        }
        AdminSupport.ok(status, t("tokens.created", issued.token().name()));
        name.clear();
        expires.clear();
        refresh();
        showSecret(issued);
    }

    /** The secret, once: it is not kept by the console and the service never returns it again. */
    private void showSecret(IssuedToken issued) {
        Dialog d = new Dialog();
        d.setId("token-secret-dialog");
        d.setHeaderTitle(t("tokens.secret.title", issued.token().name()));
        Paragraph warn = new Paragraph(t("tokens.secret.once"));
        Span secret = new Span(issued.secret());
        secret.setId("token-secret");
        secret.getElement().setAttribute("dir", "ltr");
        secret.getStyle().set("font-family", "monospace").set("user-select", "all").set("word-break", "break-all")
                .set("font-size", "var(--lumo-font-size-l)");
        Paragraph usage = new Paragraph("Authorization: Bearer …");
        usage.getElement().setAttribute("dir", "ltr");
        usage.addClassName("pk-label");
        Button close = new Button(t("tokens.secret.close"), e -> d.close());
        close.setId("token-secret-close");
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        d.add(new VerticalLayout(warn, secret, usage));
        d.getFooter().add(close);
        d.setCloseOnOutsideClick(false);
        d.setWidth("520px");
        d.open();
    }

    private void confirmRevoke(ApiToken tk) {
        Dialog d = new Dialog();
        d.setId("token-revoke-dialog");
        d.setHeaderTitle(t("tokens.revoke.title"));
        d.add(new Span(t("tokens.revoke.confirm", tk.name(), tk.id())));
        Button ok = new Button(t("tokens.revoke"), e -> {
            d.close();
            Optional<TokenService> s = console.tokens();
            if (s.isEmpty()) {
                AdminSupport.error(status, t("tokens.missing"));
                return;
            }
            try {
                if (s.get().revoke(tk.id(), AdminSupport.actor())) {
                    AdminSupport.ok(status, t("tokens.revoked", tk.name()));
                } else {
                    AdminSupport.error(status, t("tokens.revoked.already", tk.name()));
                }
            } catch (RuntimeException ex) {
                AdminSupport.error(status, AdminSupport.errorText(ex, getLocale()));
            }
            refresh();
        });
        ok.setId("token-revoke-confirm");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        Button cancel = new Button(t("cancel"), e -> d.close());
        cancel.setId("token-revoke-cancel");
        d.getFooter().add(cancel, ok);
        d.open();
    }
}
