package io.pishkhan.console.internal.web;

/** The console's few styles, inlined into the page (no custom frontend build needed). */
final class ConsoleStyles {
    static final String CSS = """
            html, body { --lumo-font-family: 'Vazirmatn','Noto Sans Arabic','Noto Sans',-apple-system,sans-serif;
              font-family: var(--lumo-font-family); }
            .pk-header { background: var(--lumo-contrast-5pct); border-bottom: 1px solid var(--lumo-contrast-10pct); }
            .pk-brand { font-weight: 600; font-size: var(--lumo-font-size-l); }
            .pk-card { border: 1px solid var(--lumo-contrast-10pct); border-radius: var(--lumo-border-radius-m);
              padding: var(--lumo-space-s); background: var(--lumo-base-color); box-sizing: border-box;
              overflow-wrap: anywhere; }
            .pk-inbox-item { cursor: pointer; }
            .pk-inbox-item.pk-selected { border-color: var(--lumo-primary-color); }
            .pk-offer { border-color: var(--lumo-warning-color, #e6a700); background: var(--lumo-warning-color-10pct, #fff8e1); }
            .pk-transcript { overflow-y: auto; background: var(--lumo-contrast-5pct); padding: var(--lumo-space-s);
              border-radius: var(--lumo-border-radius-m); }
            .pk-msg { max-width: 80%; margin: 4px 0; padding: 6px 10px; border-radius: 10px; white-space: pre-wrap;
              overflow-wrap: anywhere; }
            .pk-msg .pk-meta { display: block; font-size: var(--lumo-font-size-xxs); color: var(--lumo-secondary-text-color); }
            .pk-msg-CUSTOMER { background: var(--lumo-base-color); align-self: flex-start; }
            .pk-msg-BOT { background: #e3f2fd; align-self: flex-end; }
            .pk-msg-AGENT { background: #e8f5e9; align-self: flex-end; }
            .pk-msg-SYSTEM { background: transparent; align-self: center; font-style: italic;
              color: var(--lumo-secondary-text-color); max-width: 95%; }
            .pk-msg-NOTE { background: #fff3cd; border: 1px dashed #c9a227; align-self: center; max-width: 95%; }
            .pk-label { color: var(--lumo-secondary-text-color); font-size: var(--lumo-font-size-s); }
            html[dir=rtl] vaadin-login-form-wrapper::part(error-message) {
              padding-right: calc(var(--lumo-space-m) + var(--lumo-icon-size-m)); padding-left: var(--lumo-space-m); }
            .pk-code textarea { font-family: ui-monospace,'DejaVu Sans Mono','Noto Sans Mono',monospace;
              font-size: var(--lumo-font-size-s); direction: ltr; text-align: left; white-space: pre; tab-size: 2; }
            vaadin-text-field[dir=ltr] > input, vaadin-text-area[dir=ltr] > textarea,
            vaadin-integer-field[dir=ltr] > input { direction: ltr; text-align: left; }
            vaadin-text-field[dir=auto] > input, vaadin-text-area[dir=auto] > textarea {
              unicode-bidi: plaintext; text-align: start; }
            .pk-problems { display: flex; flex-direction: column; gap: 2px; }
            .pk-problem { color: var(--lumo-error-text-color); font-family: ui-monospace,monospace;
              font-size: var(--lumo-font-size-s); white-space: pre-wrap; unicode-bidi: plaintext; }
            .pk-ok { color: var(--lumo-success-text-color); }
            .pk-status[data-kind=ok] { color: var(--lumo-success-text-color); }
            .pk-status[data-kind=error] { color: var(--lumo-error-text-color); }
            .pk-missing { display: block; padding: var(--lumo-space-m); border: 1px dashed var(--lumo-contrast-30pct);
              border-radius: var(--lumo-border-radius-m); color: var(--lumo-secondary-text-color); }
            .pk-deployment { font-weight: 600; }
            vaadin-grid::part(pk-changed) { background: #fff3cd; }
            vaadin-grid::part(pk-failed) { background: #fde2e1; }
            vaadin-grid::part(pk-active) { font-weight: 600; background: #e8f5e9; }
            vaadin-grid::part(pk-canary) { background: #e3f2fd; }
            vaadin-grid::part(pk-draft) { color: var(--lumo-secondary-text-color); font-style: italic; }
            .pk-suggestion { border-top: 1px solid var(--lumo-contrast-10pct); padding: 4px 0; }
            .pk-suggestion-text { white-space: pre-wrap; font-size: var(--lumo-font-size-s); unicode-bidi: plaintext; }
            .pk-typing { color: var(--lumo-secondary-text-color); font-size: var(--lumo-font-size-s); min-height: 1.2em; }
            .pk-charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: var(--lumo-space-m); width: 100%; }
            .pk-csv { display: inline-block; margin: var(--lumo-space-s) 0; }
            .pk-wb-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: var(--lumo-space-m); width: 100%; }
            .pk-wb-tile { border: 1px solid var(--lumo-contrast-20pct); border-radius: var(--lumo-border-radius-l);
              padding: var(--lumo-space-m); background: var(--lumo-base-color); display: flex; flex-direction: column; gap: 4px; }
            .pk-wb-name { font-size: 1.6rem; font-weight: 600; }
            .pk-wb-big { font-size: 3.6rem; font-weight: 700; line-height: 1.1; display: block; }
            .pk-wb-mid { font-size: 1.8rem; font-weight: 600; display: block; }
            .pk-wb-label { color: var(--lumo-secondary-text-color); font-size: 1rem; display: block; }
            .pk-wb-row { display: flex; gap: var(--lumo-space-l); flex-wrap: wrap; }
            .pk-wb-clock { font-size: 2rem; font-weight: 600; font-variant-numeric: tabular-nums; }
            .pk-wallboard h3 { margin: var(--lumo-space-s) 0 0; }
            .pk-sentiment { color: #fff; background: #d93025; border-radius: 10px; padding: 0 8px;
              font-size: var(--lumo-font-size-s); font-weight: 600; }
            .pk-inbox-item.pk-sentiment-alert { border-color: #d93025; border-inline-start: 5px solid #d93025; }
            .pk-alerts { display: flex; flex-direction: column; gap: 2px; }
            .pk-alert { color: #b3261e; }
            """;

    private ConsoleStyles() {
    }
}
