import { IChatModel } from '@jupyter/chat';
import { IDisposable } from '@lumino/disposable';
import { Widget } from '@lumino/widgets';

/** The scrolling box of `@jupyter/chat` 0.20's message list (its `ScrollContainer`). */
const SCROLLER = '[id^="jupyter-chat-scroll-container-"]';

/** How far from the bottom (in pixels) still counts as reading the newest message. */
const AT_BOTTOM = 24;

/**
 * Keeps the newest answer of a conversation in view.
 *
 * `@jupyter/chat` pins its list to the bottom with CSS `overflow-anchor`,
 * which holds only once the list is scrolled to the bottom: when the
 * conversation first outgrows the panel the list stays at the top and the
 * streaming answer runs out of sight. This follows the bottom while the
 * student is there (or everything fits), and goes back to it whenever a
 * message is added; a student who scrolled up to read is left there while
 * an answer streams. The list may be rendered anew (its box replaced), so
 * every change of the widget's content looks for the current one.
 */
export class NewestInView implements IDisposable {
  constructor(
    private readonly _widget: Widget,
    private readonly _model: IChatModel
  ) {
    _model.messagesUpdated.connect(this._onMessages, this);
    this._changes.observe(_widget.node, {
      childList: true,
      subtree: true,
      characterData: true
    });
    this._sync();
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._model.messagesUpdated.disconnect(this._onMessages, this);
    this._changes.disconnect();
    this._unbind();
  }

  /** Follow the bottom of the list the widget shows now. */
  private _sync(): void {
    if (!this._scroller?.isConnected) {
      this._unbind();
      const scroller = this._widget.node.querySelector<HTMLElement>(SCROLLER);
      const content = scroller?.firstElementChild;
      if (!scroller || !content) {
        return;
      }
      this._scroller = scroller;
      scroller.addEventListener('scroll', this._onScroll);
      // Content also grows without a DOM change, as rendered markdown settles.
      this._resizes.observe(content);
    }
    this._follow();
  }

  private _unbind(): void {
    this._scroller?.removeEventListener('scroll', this._onScroll);
    this._resizes.disconnect();
    this._scroller = null;
  }

  private _onMessages(): void {
    this._following = true;
    this._sync();
  }

  private _follow(): void {
    const scroller = this._scroller;
    if (scroller && this._following) {
      scroller.scrollTop = scroller.scrollHeight;
    }
  }

  private readonly _onScroll = (): void => {
    const scroller = this._scroller;
    if (scroller) {
      this._following =
        scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <=
        AT_BOTTOM;
    }
  };

  private _disposed = false;
  private _following = true;
  private _scroller: HTMLElement | null = null;
  private readonly _changes = new MutationObserver(() => this._sync());
  private readonly _resizes = new ResizeObserver(() => this._follow());
}
