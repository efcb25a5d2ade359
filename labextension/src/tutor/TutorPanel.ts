import { ChatWidget } from '@jupyter/chat';
import { IThemeManager } from '@jupyterlab/apputils';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { Message } from '@lumino/messaging';
import { ISignal, Signal } from '@lumino/signaling';
import { Panel, Widget } from '@lumino/widgets';
import { CellContext } from './cellContext';
import { notebookModule, TutorModule } from './notebookModule';
import { createTutorChat } from './tutorChat';
import { TutorChatModel } from './TutorChatModel';
import { TutorHeader } from './TutorHeader';
import { ITutorService } from './service';

/**
 * The right-sidebar tutor: the conversation about the module of the active
 * notebook.
 *
 * Each module has its own conversation, opened the first time the panel
 * shows it and closed when no notebook of the module is open any more.
 */
export class TutorPanel extends Panel {
  constructor(private readonly _options: TutorPanel.IOptions) {
    super();
    this.addClass('jp-TutorPanel');
    this._placeholder.addClass('jp-TutorPanel-placeholder');
    this._placeholder.node.textContent =
      'Open a learning module to ask the tutor.';
    this._header.hide();
    this._chatArea.addClass('jp-TutorPanel-chats');
    this.addWidget(this._header);
    this.addWidget(this._placeholder);
    this.addWidget(this._chatArea);

    const tracker = _options.tracker;
    tracker.currentChanged.connect(() => void this._follow(), this);
    tracker.widgetAdded.connect((_, notebook) => {
      notebook.disposed.connect(this._closeUnusedChats, this);
    }, this);
    void this._follow();
  }

  /** The module of the active notebook, or null. */
  get module(): TutorModule | null {
    return this._module;
  }

  /** Emitted when the panel follows another module (or none). */
  get moduleChanged(): ISignal<this, TutorModule | null> {
    return this._moduleChanged;
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this._showChat();
  }

  protected onActivateRequest(msg: Message): void {
    super.onActivateRequest(msg);
    this._showChat()?.model.input.focus();
  }

  /** Switch to the module of the active notebook, once it is loaded. */
  private async _follow(): Promise<void> {
    const notebook = this._options.tracker.currentWidget;
    const request = ++this._latestFollow;
    // The module is declared in the metadata, read with the file.
    await notebook?.context.ready.catch(() => undefined);
    if (request !== this._latestFollow) {
      return;
    }
    const module = notebook ? moduleOf(notebook) : null;
    const changed = module?.id !== this._module?.id;
    this._module = module;
    this._placeholder.setHidden(this._module !== null);
    this._header.setHidden(this._module === null);
    this._showChat();
    if (changed) {
      this._moduleChanged.emit(module);
    }
  }

  /**
   * Show the current module's conversation, opening it if the panel is
   * visible.
   */
  private _showChat(): OpenChat | null {
    const module = this._module;
    let chat = module ? (this._chats.get(module.id) ?? null) : null;
    if (module && !chat && this.isVisible) {
      chat = this._openChat(module);
    }
    this._chats.forEach(open => open.widget.setHidden(open !== chat));
    if (module) {
      this._header.setModule(module, chat?.model ?? null);
    }
    return chat;
  }

  private _openChat(module: TutorModule): OpenChat {
    const { tutor, cellContext, rendermime, themeManager } = this._options;
    const model = new TutorChatModel({ module, tutor, cellContext });
    const widget = createTutorChat({
      model,
      cellContext,
      rendermime,
      themeManager
    });
    const chat = { model, widget };
    this._chats.set(module.id, chat);
    this._chatArea.addWidget(widget);
    return chat;
  }

  /** Close the conversations no open notebook belongs to any more. */
  private _closeUnusedChats(): void {
    const open = new Set<string>();
    this._options.tracker.forEach(notebook => {
      const module = notebook.isDisposed ? null : moduleOf(notebook);
      if (module) {
        open.add(module.id);
      }
    });
    for (const [id, chat] of this._chats) {
      if (!open.has(id)) {
        this._chats.delete(id);
        chat.widget.dispose();
        chat.model.dispose();
      }
    }
  }

  private readonly _header = new TutorHeader();
  private readonly _placeholder = new Widget();
  private readonly _chatArea = new Panel();
  private readonly _chats = new Map<string, OpenChat>();
  private _module: TutorModule | null = null;
  private readonly _moduleChanged = new Signal<this, TutorModule | null>(this);
  private _latestFollow = 0;
}

export namespace TutorPanel {
  export interface IOptions {
    tutor: ITutorService;
    tracker: INotebookTracker;
    cellContext: CellContext;
    rendermime: IRenderMimeRegistry;
    themeManager: IThemeManager | null;
  }
}

/** A module's conversation, shown in the panel. */
type OpenChat = { model: TutorChatModel; widget: ChatWidget };

function moduleOf(notebook: NotebookPanel): TutorModule | null {
  return notebook.context.isReady
    ? notebookModule(notebook.context.model)
    : null;
}
