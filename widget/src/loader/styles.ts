export const WIDGET_STYLES = `
:host {
  all: initial;
  position: fixed;
  z-index: 2147483000;
  inset-block-end: 20px;
  inset-inline-end: 20px;
}
.launcher {
  display: grid;
  place-items: center;
  width: 56px;
  height: 56px;
  padding: 0;
  border: 0;
  border-radius: 50%;
  background: #1f5fbf;
  color: #fff;
  box-shadow: 0 4px 16px rgb(0 0 0 / 25%);
  cursor: pointer;
}
.launcher:focus-visible {
  outline: 3px solid #f0a500;
  outline-offset: 3px;
}
.launcher {
  position: relative;
}
.badge {
  position: absolute;
  inset-block-start: -4px;
  inset-inline-end: -4px;
  min-width: 22px;
  height: 22px;
  padding: 0 6px;
  border-radius: 11px;
  background: #c62828;
  color: #fff;
  font: 700 12px/22px system-ui, sans-serif;
  text-align: center;
}
.badge[hidden] {
  display: none;
}
.launcher svg {
  width: 28px;
  height: 28px;
}
.launcher[aria-expanded='true'] .icon-chat,
.launcher[aria-expanded='false'] .icon-close {
  display: none;
}
iframe {
  position: absolute;
  inset-block-end: 72px;
  inset-inline-end: 0;
  width: 370px;
  height: 560px;
  max-width: calc(100vw - 40px);
  max-height: calc(100vh - 112px);
  border: 0;
  border-radius: 12px;
  background: #fff;
  box-shadow: 0 8px 32px rgb(0 0 0 / 20%);
}
iframe[hidden] {
  display: none;
}
@media (max-width: 480px) {
  iframe {
    position: fixed;
    inset: 0;
    width: 100%;
    height: 100%;
    max-width: none;
    max-height: none;
    border-radius: 0;
  }
  /* Full screen: the frame's own close button closes it; the launcher would cover the composer. */
  .launcher[aria-expanded='true'] {
    display: none;
  }
}
`;

export const LAUNCHER_ICONS = `
<svg class="icon-chat" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">
  <path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2z"/>
</svg>
<svg class="icon-close" viewBox="0 0 24 24" aria-hidden="true" stroke="currentColor" stroke-width="2.5">
  <path d="M6 6l12 12M18 6L6 18"/>
</svg>
`;
