package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.web.RequiresRole;

@Route(value = "analytics", layout = MainLayout.class)
@RequiresRole(ConsoleUser.SUPERVISOR)
public class AnalyticsView extends VerticalLayout {
    private static final long serialVersionUID = 1L;

    public AnalyticsView() {
        add(new EChart());
    }
}
