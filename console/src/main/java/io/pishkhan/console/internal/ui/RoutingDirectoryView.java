package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.pishkhan.api.conversation.DirectoryAdmin;
import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Presence;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.model.Skill;
import io.pishkhan.api.routing.BusinessHours;
import io.pishkhan.api.routing.BusinessHoursService;
import io.pishkhan.api.store.AuditRecord;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.logic.RoutingText;
import io.pishkhan.console.internal.web.ConsoleI18N;
import io.pishkhan.console.internal.web.ConsoleServlet;
import io.pishkhan.console.internal.web.RequiresRole;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Routing directory ({@code /console/routing}): queues, skills and agents' routing profiles, saved through
 * {@link DirectoryAdmin} with the logged-in admin as actor, and the audit of those changes. The lists come from the
 * {@code AgentDirectory} (configuration files and database together). Supervisors see the lists read-only.
 */
@Route(value = "routing", layout = MainLayout.class)
@RequiresRole(ConsoleUser.SUPERVISOR)
public class RoutingDirectoryView extends VerticalLayout implements HasDynamicTitle {
    private static final long serialVersionUID = 1L;
    private static final int AUDIT_LIMIT = 200;

    private final transient Console console = ConsoleServlet.console();
    private final boolean fa = ConsoleI18N.isPersian(getLocale());
    private final boolean editable = AdminSupport.mayEdit();
    private final Span status = AdminSupport.statusLine("routing-status");

    private final Grid<Queue> queues = new Grid<>();
    private final TextField queueId = new TextField();
    private final TextField queueName = new TextField();
    private final IntegerField queuePriority = new IntegerField();
    private final ComboBox<String> queueStrategy = new ComboBox<>();
    private final IntegerField slaPercent = new IntegerField();
    private final IntegerField slaSeconds = new IntegerField();
    private final ComboBox<String> queueFallback = new ComboBox<>();
    private final ComboBox<String> queueHours = new ComboBox<>();

    private final Grid<Skill> skills = new Grid<>();
    private final TextField skillId = new TextField();
    private final TextField skillName = new TextField();

    private final Grid<Agent> agents = new Grid<>();
    private final TextField agentId = new TextField();
    private final TextField agentName = new TextField();
    private final TextField agentSkills = new TextField();
    private final TextField agentQueues = new TextField();
    private final IntegerField agentCapacity = new IntegerField();
    private final TextField agentChannels = new TextField();

    private final Grid<AuditRecord> audit;

    public RoutingDirectoryView() {
        setWidthFull();
        add(new H3(t("routing.title")), status);
        boolean installed = console.directoryAdmin().isPresent();
        if (!installed) {
            add(AdminSupport.notInstalled("directory-missing", t("routing.missing")));
        }
        boolean forms = installed && editable;
        add(section("routing.queues", queuesGrid(), forms ? queueForm() : null));
        add(section("routing.skills", skillsGrid(), forms ? skillForm() : null));
        add(section("routing.agents", agentsGrid(), forms ? agentForm() : null));
        audit = AdminSupport.auditGrid("directory-audit-grid", getLocale(), console.settings().zone());
        if (installed) {
            Button refresh = new Button(t("audit.refresh"), e -> refreshAudit());
            refresh.setId("directory-audit-refresh");
            refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            add(new H3(t("routing.audit")), refresh, audit);
        }
        refresh();
        clearQueue();
        clearSkill();
        clearAgent();
    }

    @Override
    public String getPageTitle() {
        return t("nav.routing") + " · " + t("app.name");
    }

    private String t(String key, Object... args) {
        return getTranslation(key, args);
    }

    private String n(long v) {
        return RoutingText.digits(v, fa);
    }

    private Component section(String title, Grid<?> grid, Component form) {
        HorizontalLayout row = new HorizontalLayout(grid);
        row.setWidthFull();
        row.setAlignItems(FlexComponent.Alignment.START);
        row.setFlexGrow(1, grid);
        if (form != null) {
            row.add(form);
        }
        VerticalLayout v = new VerticalLayout(new H3(t(title)), row);
        v.setPadding(false);
        v.setWidthFull();
        return v;
    }

    private void refresh() {
        List<Queue> q = console.agents().queues();
        queues.setItems(q);
        skills.setItems(console.agents().skills());
        agents.setItems(console.agents().agents());
        List<String> queueIds = q.stream().map(Queue::id).sorted().toList();
        queueFallback.setItems(queueIds);
        List<String> strategies = new ArrayList<>(console.strategyIds());
        q.stream().map(Queue::strategy).filter(s -> s != null && !strategies.contains(s)).forEach(strategies::add);
        queueStrategy.setItems(strategies);
        List<String> hours = new ArrayList<>(console.businessHours().map(BusinessHoursService::schedules)
                .map(l -> l.stream().map(BusinessHours::id).toList()).orElse(List.of()));
        q.stream().map(Queue::businessHours).filter(h -> h != null && !hours.contains(h)).forEach(hours::add);
        queueHours.setItems(hours);
        refreshAudit();
    }

    private void refreshAudit() {
        console.directoryAdmin().ifPresent(a -> audit.setItems(a.auditLog(AUDIT_LIMIT)));
    }

    /** Runs an admin action against the directory service; a refused input shows as an error, nothing changes. */
    private void act(Consumer<DirectoryAdmin> action, String done) {
        Optional<DirectoryAdmin> admin = console.directoryAdmin();
        if (admin.isEmpty()) {
            AdminSupport.error(status, t("routing.missing"));
            return;
        }
        try {
            action.accept(admin.get());
            AdminSupport.ok(status, done);
            refresh();
        } catch (RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
        }
    }

    private static void id(Component c, String id) {
        c.setId(id);
    }

    private Button button(String id, String label, Runnable action) {
        Button b = new Button(t(label), e -> action.run());
        b.setId(id);
        return b;
    }

    private Component editButton(String id, Runnable action) {
        Button b = new Button(t("edit"), e -> action.run());
        b.setId(id);
        b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        return b;
    }

    private static ComboBox<String> free(ComboBox<String> c) {
        c.setAllowCustomValue(true);
        c.setClearButtonVisible(true);
        c.addCustomValueSetListener(e -> c.setValue(e.getDetail()));
        return c;
    }

    private static IntegerField range(IntegerField f, int min, Integer max) {
        f.setMin(min);
        if (max != null) {
            f.setMax(max);
        }
        f.setStepButtonsVisible(true);
        return f;
    }

    /** The value of a number field; a missing or invalid one is refused with the field's label. */
    private int number(IntegerField f) {
        Integer v = f.getValue();
        if (v == null) {
            throw new IllegalArgumentException(t("input.required", f.getLabel()));
        }
        if (v < f.getMin() || v > f.getMax()) {
            throw new IllegalArgumentException(t("input.between", f.getLabel(), n(v), n(f.getMin()), n(f.getMax())));
        }
        return v;
    }

    private String required(TextField f) {
        String v = RoutingText.blankToNull(f.getValue());
        if (v == null) {
            throw new IllegalArgumentException(t("input.required", f.getLabel()));
        }
        return v;
    }

    // ---------------------------------------------------------------- queues

    private Grid<Queue> queuesGrid() {
        queues.setId("queues-admin-grid");
        queues.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        queues.addColumn(Queue::id).setHeader(t("field.id")).setAutoWidth(true);
        queues.addColumn(Queue::name).setHeader(t("field.name")).setAutoWidth(true);
        queues.addColumn(q -> n(q.priority())).setHeader(t("queue.priority")).setAutoWidth(true);
        queues.addColumn(q -> q.strategy() == null ? t("default") : q.strategy()).setHeader(t("queue.strategy"))
                .setAutoWidth(true);
        queues.addColumn(q -> t("queue.sla.value", n(q.slaPercent()), n(q.slaSeconds()))).setHeader(t("queue.sla"))
                .setAutoWidth(true);
        queues.addColumn(q -> q.fallbackQueue() == null ? "" : q.fallbackQueue()).setHeader(t("queue.fallback"))
                .setAutoWidth(true);
        queues.addColumn(q -> q.businessHours() == null ? t("hours.always") : q.businessHours())
                .setHeader(t("queue.hours")).setAutoWidth(true);
        if (editable) {
            queues.addComponentColumn(q -> editButton("queue-edit-" + q.id(), () -> editQueue(q))).setAutoWidth(true);
            queues.addItemClickListener(e -> editQueue(e.getItem()));
        }
        queues.setHeight("280px");
        return queues;
    }

    private Component queueForm() {
        id(queueId, "queue-id");
        queueId.setLabel(t("field.id"));
        queueId.setRequired(true);
        id(queueName, "queue-name");
        queueName.setLabel(t("field.name"));
        id(queuePriority, "queue-priority");
        queuePriority.setLabel(t("queue.priority.range"));
        range(queuePriority, 0, 100);
        id(queueStrategy, "queue-strategy");
        queueStrategy.setLabel(t("queue.strategy"));
        queueStrategy.setPlaceholder(t("default"));
        free(queueStrategy);
        id(slaPercent, "queue-sla-percent");
        slaPercent.setLabel(t("queue.sla.percent"));
        range(slaPercent, 0, 100);
        id(slaSeconds, "queue-sla-seconds");
        slaSeconds.setLabel(t("queue.sla.seconds"));
        range(slaSeconds, 0, null);
        id(queueFallback, "queue-fallback");
        queueFallback.setLabel(t("queue.fallback"));
        free(queueFallback);
        id(queueHours, "queue-hours");
        queueHours.setLabel(t("queue.hours"));
        queueHours.setPlaceholder(t("hours.always"));
        free(queueHours);
        Button save = button("queue-save", "save", this::saveQueue);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button delete = button("queue-delete", "delete", this::deleteQueue);
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        Button fresh = button("queue-new", "new", this::clearQueue);
        FormLayout f = new FormLayout(queueId, queueName, queuePriority, queueStrategy, slaPercent, slaSeconds,
                queueFallback, queueHours);
        f.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("320px", 2));
        VerticalLayout v = new VerticalLayout(f, new HorizontalLayout(save, delete, fresh));
        v.setId("queue-form");
        v.setPadding(false);
        v.setWidth("460px");
        v.getStyle().set("flex-shrink", "0");
        return v;
    }

    private void editQueue(Queue q) {
        queueId.setValue(q.id());
        queueId.setReadOnly(true);
        queueName.setValue(q.name());
        queuePriority.setValue(q.priority());
        queueStrategy.setValue(q.strategy());
        slaPercent.setValue(q.slaPercent());
        slaSeconds.setValue(q.slaSeconds());
        queueFallback.setValue(q.fallbackQueue());
        queueHours.setValue(q.businessHours());
    }

    private void clearQueue() {
        queueId.clear();
        queueId.setReadOnly(false);
        queueName.clear();
        queuePriority.setValue(0);
        queueStrategy.clear();
        slaPercent.setValue(80);
        slaSeconds.setValue(20);
        queueFallback.clear();
        queueHours.clear();
    }

    private void saveQueue() {
        act(a -> {
            Queue q = new Queue(required(queueId), queueName.getValue(), number(queuePriority), queueStrategy.getValue(),
                    number(slaPercent), number(slaSeconds), queueFallback.getValue(), queueHours.getValue());
            a.saveQueue(q, AdminSupport.actor());
            queueId.setReadOnly(true);
        }, t("queue.saved", queueId.getValue()));
    }

    private void deleteQueue() {
        String id = RoutingText.blankToNull(queueId.getValue());
        if (id == null) {
            AdminSupport.error(status, t("input.required", queueId.getLabel()));
            return;
        }
        Optional<DirectoryAdmin> admin = console.directoryAdmin();
        if (admin.isEmpty()) {
            AdminSupport.error(status, t("routing.missing"));
            return;
        }
        try {
            if (admin.get().deleteQueue(id, AdminSupport.actor())) {
                AdminSupport.ok(status, t("queue.deleted", id));
                clearQueue();
            } else {
                AdminSupport.error(status, t("delete.notStored", id));
            }
            refresh();
        } catch (RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
        }
    }

    // ---------------------------------------------------------------- skills

    private Grid<Skill> skillsGrid() {
        skills.setId("skills-grid");
        skills.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        skills.addColumn(Skill::id).setHeader(t("field.id")).setAutoWidth(true);
        skills.addColumn(Skill::name).setHeader(t("field.name")).setAutoWidth(true);
        skills.addColumn(s -> n(console.agents().agents().stream().filter(a -> a.skills().containsKey(s.id()))
                .count())).setHeader(t("skill.agents")).setAutoWidth(true);
        if (editable) {
            skills.addComponentColumn(s -> editButton("skill-edit-" + s.id(), () -> editSkill(s))).setAutoWidth(true);
            skills.addItemClickListener(e -> editSkill(e.getItem()));
        }
        skills.setHeight("220px");
        return skills;
    }

    private Component skillForm() {
        id(skillId, "skill-id");
        skillId.setLabel(t("field.id"));
        skillId.setRequired(true);
        id(skillName, "skill-name");
        skillName.setLabel(t("field.name"));
        Button save = button("skill-save", "save", () -> act(a -> {
            a.saveSkill(new Skill(required(skillId), skillName.getValue()), AdminSupport.actor());
            skillId.setReadOnly(true);
        }, t("skill.saved", skillId.getValue())));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button delete = button("skill-delete", "delete", this::deleteSkill);
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        Button fresh = button("skill-new", "new", this::clearSkill);
        VerticalLayout v = new VerticalLayout(skillId, skillName, new HorizontalLayout(save, delete, fresh));
        v.setId("skill-form");
        v.setPadding(false);
        v.setWidth("460px");
        v.getStyle().set("flex-shrink", "0");
        return v;
    }

    private void editSkill(Skill s) {
        skillId.setValue(s.id());
        skillId.setReadOnly(true);
        skillName.setValue(s.name());
    }

    private void clearSkill() {
        skillId.clear();
        skillId.setReadOnly(false);
        skillName.clear();
    }

    private void deleteSkill() {
        String id = RoutingText.blankToNull(skillId.getValue());
        if (id == null) {
            AdminSupport.error(status, t("input.required", skillId.getLabel()));
            return;
        }
        Optional<DirectoryAdmin> admin = console.directoryAdmin();
        if (admin.isEmpty()) {
            AdminSupport.error(status, t("routing.missing"));
            return;
        }
        try {
            if (admin.get().deleteSkill(id, AdminSupport.actor())) {
                AdminSupport.ok(status, t("skill.deleted", id));
                clearSkill();
            } else {
                AdminSupport.error(status, t("delete.notStored", id));
            }
            refresh();
        } catch (RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
        }
    }

    // ---------------------------------------------------------------- agents

    private Grid<Agent> agentsGrid() {
        agents.setId("agents-admin-grid");
        agents.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        agents.addColumn(Agent::id).setHeader(t("field.id")).setAutoWidth(true);
        agents.addColumn(Agent::name).setHeader(t("field.name")).setAutoWidth(true);
        agents.addColumn(a -> RoutingText.digits(RoutingText.formatLevels(a.skills()), fa))
                .setHeader(t("agent.skills")).setAutoWidth(true);
        agents.addColumn(a -> a.queues().isEmpty() ? t("agent.queues.all") : RoutingText.formatIds(a.queues()))
                .setHeader(t("agent.queues")).setAutoWidth(true);
        agents.addColumn(a -> n(a.capacity())).setHeader(t("capacity")).setAutoWidth(true);
        agents.addColumn(a -> RoutingText.digits(RoutingText.formatLevels(a.channelCapacity()), fa))
                .setHeader(t("agent.channels")).setAutoWidth(true);
        agents.addColumn(a -> t("presence." + a.presence().name())).setHeader(t("presence")).setAutoWidth(true);
        if (editable) {
            agents.addComponentColumn(a -> editButton("agent-edit-" + a.id(), () -> editAgent(a))).setAutoWidth(true);
            agents.addItemClickListener(e -> editAgent(e.getItem()));
        }
        agents.setHeight("280px");
        return agents;
    }

    private Component agentForm() {
        id(agentId, "agent-id");
        agentId.setLabel(t("field.id"));
        agentId.setRequired(true);
        id(agentName, "agent-name");
        agentName.setLabel(t("field.name"));
        id(agentSkills, "agent-skills");
        agentSkills.setLabel(t("agent.skills.input"));
        agentSkills.setPlaceholder("cards:8, loans:5");
        agentSkills.getElement().setAttribute("dir", "ltr");
        id(agentQueues, "agent-queues");
        agentQueues.setLabel(t("agent.queues.input"));
        agentQueues.setPlaceholder("general, vip");
        agentQueues.getElement().setAttribute("dir", "ltr");
        id(agentCapacity, "agent-capacity");
        agentCapacity.setLabel(t("agent.capacity.range"));
        range(agentCapacity, 0, 50);
        id(agentChannels, "agent-channel-capacity");
        agentChannels.setLabel(t("agent.channels.input"));
        agentChannels.setPlaceholder("webchat:3, voice:1");
        agentChannels.getElement().setAttribute("dir", "ltr");
        Button save = button("agent-save", "save", this::saveAgent);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button fresh = button("agent-new", "new", this::clearAgent);
        FormLayout f = new FormLayout(agentId, agentName, agentSkills, agentQueues, agentCapacity, agentChannels);
        f.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("320px", 2));
        f.setColspan(agentSkills, 2);
        f.setColspan(agentChannels, 2);
        VerticalLayout v = new VerticalLayout(f, new HorizontalLayout(save, fresh));
        v.setId("agent-form");
        v.setPadding(false);
        v.setWidth("460px");
        v.getStyle().set("flex-shrink", "0");
        return v;
    }

    private void editAgent(Agent a) {
        agentId.setValue(a.id());
        agentId.setReadOnly(true);
        agentName.setValue(a.name());
        agentSkills.setValue(RoutingText.formatLevels(a.skills()));
        agentQueues.setValue(RoutingText.formatIds(a.queues()));
        agentCapacity.setValue(a.capacity());
        agentChannels.setValue(RoutingText.formatLevels(a.channelCapacity()));
    }

    private void clearAgent() {
        agentId.clear();
        agentId.setReadOnly(false);
        agentName.clear();
        agentSkills.clear();
        agentQueues.clear();
        agentCapacity.setValue(2);
        agentChannels.clear();
    }

    private void saveAgent() {
        act(a -> {
            String id = required(agentId);
            Map<String, Integer> levels = RoutingText.parseLevels(agentSkills.getValue(), 1, 10);
            Collection<String> served = RoutingText.parseIds(agentQueues.getValue());
            int capacity = number(agentCapacity);
            Map<String, Integer> channels = RoutingText.parseLevels(agentChannels.getValue(), 0, 50);
            Presence presence = console.agents().agent(id).map(Agent::presence).orElse(Presence.OFFLINE);
            a.saveAgent(new Agent(id, agentName.getValue(), levels, java.util.Set.copyOf(served), capacity, presence,
                    channels), AdminSupport.actor());
            agentId.setReadOnly(true);
        }, t("agent.saved", agentId.getValue()));
    }
}
