/**
 * jsdom has the <dialog> element but not its modal methods. Screens open their
 * confirmations with `showModal()`; this gives jsdom's dialogs the part of it a
 * component test can observe (the `open` state and the `close` event), which is
 * what a browser does apart from drawing the backdrop and making the page inert.
 * Import it in a component test whose screen opens a dialog.
 */
const proto = window.HTMLDialogElement.prototype;

if (typeof proto.showModal !== "function") {
  proto.showModal = function showModal(this: HTMLDialogElement) {
    this.open = true;
  };
}
if (typeof proto.close !== "function") {
  proto.close = function close(this: HTMLDialogElement) {
    if (!this.open) return;
    this.open = false;
    this.dispatchEvent(new Event("close"));
  };
}

export {};
