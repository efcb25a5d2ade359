"""The jupyter-server extension: configuration, start-up and route wiring."""

import os
from datetime import timedelta
from pathlib import Path

from jupyter_core.paths import jupyter_data_dir
from jupyter_server.extension.application import ExtensionApp
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection
from traitlets import Bool, Float, Integer, List, Set, TraitError, Unicode, default, validate

from .contract import constant
from .errors import StoreUnavailable
from .exercises.routes import exercise_routes
from .exercises.service import ExerciseService
from .help.routes import help_routes
from .help.service import HelpService, HelpSettings
from .hub.client_mode import check_client_mode
from .hub.routes import client_routes
from .hub.service_client import ServiceClient
from .identity.adopt import adopt_anonymous_users
from .identity.students import Students, decide_local_user, under_jupyterhub
from .instructor.routes import instructor_routes
from .instructor.service import InstructorService
from .modules.catalog import scan, shipped_modules_dir
from .modules.routes import module_routes
from .modules.service import ModuleService, sync_modules
from .modules.working_copy import DEFAULT_FOLDER, WorkingCopies
from .packages.catalog import build_catalog, load_curated
from .packages.lock import LOCK_FILE, load_lock, lock_version
from .packages.package_list import DEFAULT_PACKAGES
from .packages.routes import package_routes
from .packages.service import PackageService, seed_catalog
from .policy.routes import policy_routes
from .policy.service import PolicyService
from .progress.routes import progress_routes
from .progress.service import ProgressService
from .remote.tokens import StudentTokens
from .roles import RolePolicy
from .store.engine import create_engine, create_sessions
from .store.migrate import upgrade_to_head
from .store.readiness import StoreReadiness
from .tutor.history import TutorHistory
from .tutor.limits import Limits
from .tutor.llm import LanguageModel, ModelSettings
from .tutor.pedagogy.links import DEFAULT_LINK_HOSTS, LinkPolicy, link_hosts
from .tutor.retention import Retention
from .tutor.routes import tutor_routes
from .tutor.service import CONVERSATION_MESSAGES, TutorService
from .tutor.similarity.same_problem import DEFAULT_THRESHOLD
from .tutor.sockets import OpenSockets
from .tutor.usage import UsageLedger
from .web.client_config import ClientConfigHandler
from .web.cors import ALLOWED_ORIGINS, normalize_origin
from .web.features import EXTENSION_NAME
from .web.off_loop import OffLoop

API = "jupyter-tutor/api"


def origins(values: list[str]) -> list[str]:
    """Allowed origins as browsers send them; TraitError for anything that is not one."""
    try:
        return [normalize_origin(value) for value in values]
    except ValueError as error:
        raise TraitError(f"allowed_origins: {error}") from error


class TutorApp(ExtensionApp):
    name = EXTENSION_NAME
    load_other_extensions = True

    database_url = Unicode(
        config=True,
        help="""SQLAlchemy URL of the database, e.g. postgresql://user@host/db for a hub.
        Default: $JUPYTER_TUTOR_DATABASE_URL, else an SQLite file in the Jupyter data dir.""",
    )
    modules_dir = Unicode(
        config=True,
        help="""Folder of course notebooks; each .ipynb declaring metadata.jupyter_tutor.module
        is a learning module. Default: $JUPYTER_TUTOR_MODULES_DIR, else the bundled course.""",
    )
    working_copy_dir = Unicode(
        DEFAULT_FOLDER,
        config=True,
        help="Folder, relative to the server root, holding each student's copies of modules.",
    )
    autosave_interval_seconds = Integer(
        constant("AUTOSAVE_INTERVAL_SECONDS"),
        config=True,
        help="How often the frontend saves a module's notebook (a hint).",
    )
    max_notebook_bytes = Integer(
        constant("MAX_NOTEBOOK_BYTES"),
        config=True,
        help="Largest notebook save accepted (413 beyond).",
    )
    max_request_bytes = Integer(
        1024 * 1024,
        config=True,
        help="Largest body of any other request (413 beyond, refused before it is read).",
    )
    snapshot_limit = Integer(
        constant("SNAPSHOT_LIMIT"),
        config=True,
        help="Earlier notebook saves kept per student and module, for undo.",
    )

    llm_base_url = Unicode(
        None,
        allow_none=True,
        config=True,
        help="""OpenAI-compatible endpoint for the tutor (OpenAI, Ollama, vLLM, LiteLLM…).
        Default: $OPENAI_BASE_URL. With neither this nor an API key, the tutor gives
        offline hints. Never sent to browsers or logged.""",
    )
    llm_api_key = Unicode(
        None,
        allow_none=True,
        config=True,
        help="API key for the endpoint. Default: $OPENAI_API_KEY. Never sent or logged.",
    )
    llm_model = Unicode(
        config=True, help="Chat model name. Default: $JUPYTER_TUTOR_MODEL, else gpt-4o-mini."
    )
    embedding_model = Unicode(
        "",
        config=True,
        help="Embedding model for same-problem detection; empty: a local embedding.",
    )
    llm_timeout_seconds = Float(60.0, config=True, help="Timeout of one model request.")
    llm_max_retries = Integer(2, config=True, help="Retries of a failed model request.")
    rewrite_violations = Bool(
        True,
        config=True,
        help="Ask the model to rewrite answers that broke the hint level's rules.",
    )
    tutor_link_hosts = List(
        Unicode(),
        default_value=list(DEFAULT_LINK_HOSTS),
        config=True,
        help="Hosts whose https links (without a query string) may stay in tutor answers; "
        "every other link loses its address, and images are always left out.",
    )
    same_problem_threshold = Float(
        DEFAULT_THRESHOLD,
        config=True,
        help="Cosine similarity at or above which a follow-up is about the same problem.",
    )
    requests_per_minute = Integer(
        0,
        config=True,
        help="Questions to the tutor per student per minute, offline hints included (0: no limit).",
    )
    tokens_per_day = Integer(
        0,
        config=True,
        help="Model tokens per student per UTC day (0: no limit). Each question reserves "
        "the most its answer may use before the model is asked, so parallel questions "
        "cannot pass the allowance together.",
    )
    llm_max_tokens = Integer(
        1000,
        config=True,
        help="Longest answer of one model request, in tokens (sent as max_tokens; also "
        "what a question reserves for its answer). 0: not sent, the endpoint's own limit.",
    )
    max_tutor_sockets_per_user = Integer(
        8,
        config=True,
        help="Tutor connections one user may have open at once on this server (0: no cap): "
        "the panel keeps one per open module notebook, in each tab; one more is refused "
        "with a message. It also bounds how many answers one user has under way.",
    )
    history_max_messages_per_module = Integer(
        1000,
        config=True,
        help=f"Tutor messages kept per student and module, the newest (0: all; else at "
        f"least {CONVERSATION_MESSAGES}). Applied as messages are stored.",
    )
    history_max_age_days = Integer(
        0,
        config=True,
        help="Days tutor messages are kept (0: forever). Applied as messages are stored; "
        "`jupyter tutor-server prune-history` applies it to every conversation.",
    )
    help_max_age_days = Integer(
        0,
        config=True,
        help="Days students' help requests (questions to their instructor, and the answers) "
        "are kept (0: forever). Applied as requests are stored and read; `jupyter "
        "tutor-server prune-history` applies it too.",
    )
    help_open_requests_per_module = Integer(
        3,
        config=True,
        help="Help requests a student may have waiting for an answer per module (0: no "
        "limit); one more is refused (429) until one is answered.",
    )
    database_pool_size = Integer(
        1,
        config=True,
        help="Connections each server keeps open to a database server such as Postgres "
        "(SQLite aside). Every student's server on a hub has its own pool, so keep it small; "
        "0 keeps none open (each request opens its own: use it behind PgBouncer).",
    )
    database_max_overflow = Integer(
        4, config=True, help="Extra database connections a server may open under load."
    )
    load_logs_per_day = Integer(
        1000,
        config=True,
        help="Package load attempts recorded per user per UTC day (0: no limit); "
        "bounds what one user can add to the course's load analytics.",
    )

    pyodide_lock_file = Unicode(
        str(LOCK_FILE),
        config=True,
        help="""pyodide-lock.json the package catalog is built from (default: the one of the
        Pyodide that jupyterlite-pyodide-kernel uses, bundled). Point it at a newer
        Pyodide's lock and restart to refresh the catalog.""",
    )
    pyodide_version = Unicode(
        lock_version(), config=True, help="Version of the Pyodide that lock file belongs to."
    )
    default_packages = List(
        Unicode(),
        list(DEFAULT_PACKAGES),
        config=True,
        help="""Packages (all required, in load order) of a module notebook that declares no
        jupyter_tutor.packages list.""",
    )
    admin_users = Set(Unicode(), config=True, help="User names with the admin role.")
    admin_groups = Set(Unicode(), config=True, help="JupyterHub groups with the admin role.")
    instructor_users = Set(Unicode(), config=True, help="User names with the instructor role.")
    instructor_groups = Set(
        Unicode(), config=True, help="JupyterHub groups with the instructor role."
    )
    local_user = Unicode(
        None,
        allow_none=True,
        config=True,
        help="""The one student of a personal server, whose progress, conversations and role
        every browser shares (jupyter-server otherwise makes each new browser a new anonymous
        user, which would start the course afresh). Default: the operating system's user name
        on a personal server, that is, not under JupyterHub and with jupyter-server's own
        token or password login; elsewhere (JupyterHub, `jupyter tutor-server`, another
        identity provider) each user is their own student. "" turns it off. Ignored under
        JupyterHub, whose users always count. Work saved earlier under anonymous users is
        given to this user on start.""",
    )
    local_user_is_admin = Bool(
        config=True,
        help="""Treat every user as admin. Default: true on a personal server (not under
        JupyterHub) with no roles configured, false otherwise.""",
    )

    allowed_origins = List(
        Unicode(),
        config=True,
        help="""Origins (scheme://host[:port]) of JupyterLite sites that may call the tutor
        routes from the browser, e.g. https://course.example.org. Others get no CORS
        headers and their WebSockets are refused. Default: $JUPYTER_TUTOR_ALLOWED_ORIGINS
        (comma-separated), else none: same-origin pages only.""",
    )
    service_url = Unicode(
        config=True,
        help="""On a JupyterHub: the URL of the jupyter-tutor hub service, e.g.
        http://127.0.0.1:8000/services/jupyter-tutor/ (hub client mode). This server then
        forwards every tutor call there as its student with its hub token, keeps only the
        working copies, and refuses to start if a database, model or role setting is
        configured here. Default: $JUPYTER_TUTOR_SERVICE_URL; empty: no service.""",
    )
    service_timeout_seconds = Float(
        30.0, config=True, help="How long a call to the hub service may take (client mode)."
    )
    server_working_copies = Bool(
        True,
        config=True,
        help="""Serve modules/{id}/open, which makes the student's working copy in this
        server's files. The standalone service turns it off: there, students share the
        server and a JupyterLite site keeps each copy in the browser.""",
    )

    @default("allowed_origins")
    def _default_allowed_origins(self) -> list[str]:
        # Defaults skip validation, so the variable's origins are checked here.
        value = os.environ.get("JUPYTER_TUTOR_ALLOWED_ORIGINS", "")
        return origins(value.replace(",", " ").split())

    @validate("allowed_origins")
    def _check_origins(self, proposal: dict) -> list[str]:
        return origins(proposal["value"])

    @default("local_user_is_admin")
    def _default_local_user_is_admin(self) -> bool:
        configured = self.admin_users or self.admin_groups or self.instructor_users
        return not (configured or self.instructor_groups or under_jupyterhub())

    @default("service_url")
    def _default_service_url(self) -> str:
        return os.environ.get("JUPYTER_TUTOR_SERVICE_URL", "")

    @validate("service_url")
    def _check_service_url(self, proposal: dict) -> str:
        value = proposal["value"]
        if value and not value.startswith(("http://", "https://")):
            raise TraitError(f"service_url must be an http(s) URL, not {value!r}")
        return value if not value or value.endswith("/") else value + "/"

    @property
    def client_mode(self) -> bool:
        """A hub student's server forwarding to the hub service (``service_url``)."""
        return bool(self.service_url)

    @default("llm_base_url")
    def _default_llm_base_url(self) -> str | None:
        return os.environ.get("OPENAI_BASE_URL") or None

    @default("llm_api_key")
    def _default_llm_api_key(self) -> str | None:
        return os.environ.get("OPENAI_API_KEY") or None

    @default("llm_model")
    def _default_llm_model(self) -> str:
        return os.environ.get("JUPYTER_TUTOR_MODEL", "gpt-4o-mini")

    @default("database_url")
    def _default_database_url(self) -> str:
        fallback = f"sqlite:///{Path(jupyter_data_dir(), 'jupyter_tutor', 'tutor.db')}"
        return os.environ.get("JUPYTER_TUTOR_DATABASE_URL", fallback)

    @default("modules_dir")
    def _default_modules_dir(self) -> str:
        return os.environ.get("JUPYTER_TUTOR_MODULES_DIR", str(shipped_modules_dir()))

    @validate("tutor_link_hosts")
    def _check_link_hosts(self, proposal: dict) -> list[str]:
        try:
            return link_hosts(proposal["value"])
        except ValueError as error:
            raise TraitError(f"tutor_link_hosts: {error}") from None

    @validate("local_user")
    def _check_local_user(self, proposal: dict) -> str | None:
        value = proposal["value"]
        if value and (len(value) > 255 or value.strip() != value):
            raise TraitError("local_user must be a name of at most 255 characters, no spaces")
        return value

    @validate("autosave_interval_seconds")
    def _check_interval(self, proposal: dict) -> int:
        least = constant("MIN_AUTOSAVE_INTERVAL_SECONDS")
        if proposal["value"] < least:
            raise TraitError(f"autosave_interval_seconds must be at least {least}")
        return proposal["value"]

    @validate("snapshot_limit", "max_notebook_bytes", "max_request_bytes")
    def _check_positive(self, proposal: dict) -> int:
        if proposal["value"] < 1:
            raise TraitError(f"{proposal['trait'].name} must be at least 1")
        return proposal["value"]

    @validate(
        "load_logs_per_day",
        "requests_per_minute",
        "tokens_per_day",
        "llm_max_tokens",
        "max_tutor_sockets_per_user",
        "history_max_age_days",
        "help_max_age_days",
        "help_open_requests_per_module",
        "database_pool_size",
        "database_max_overflow",
    )
    def _check_limit(self, proposal: dict) -> int:
        if proposal["value"] < 0:
            raise TraitError(f"{proposal['trait'].name} must be 0 (no limit) or more")
        return proposal["value"]

    @validate("history_max_messages_per_module")
    def _check_kept_messages(self, proposal: dict) -> int:
        if proposal["value"] != 0 and proposal["value"] < CONVERSATION_MESSAGES:
            raise TraitError(
                f"history_max_messages_per_module must be 0 (keep all) or at least "
                f"{CONVERSATION_MESSAGES}, the conversation the tutor looks back on"
            )
        return proposal["value"]

    @property
    def retention(self) -> Retention:
        return Retention.of_settings(
            self.history_max_messages_per_module, self.history_max_age_days
        )

    @property
    def help_max_age(self) -> timedelta | None:
        return timedelta(days=self.help_max_age_days) if self.help_max_age_days else None

    def initialize_settings(self) -> None:
        if self.client_mode:
            self._initialize_client()
            return
        self.engine = create_engine(
            self.database_url,
            pool_size=self.database_pool_size,
            max_overflow=self.database_max_overflow,
        )
        sessions = create_sessions(self.engine)
        self.students = Students(
            decide_local_user(self.local_user, self.serverapp.identity_provider)
        )
        self.modules = ModuleService(sessions)
        self.progress = ProgressService(self.engine, sessions, self.snapshot_limit)
        self.exercises = ExerciseService(sessions)
        self.instructor = InstructorService(sessions, self.retention, self.progress)
        self.help = HelpService(
            sessions,
            self.exercises,
            HelpSettings(self.help_open_requests_per_module, self.help_max_age),
            self.retention,
        )
        self.policy = PolicyService(sessions)
        self.working_copies = WorkingCopies(
            self.serverapp.contents_manager, Path(self.modules_dir), self.working_copy_dir
        )
        self.packages = PackageService(sessions, self.load_logs_per_day)
        self.off_loop = OffLoop()
        self.student_tokens = StudentTokens(sessions)
        self.settings[ALLOWED_ORIGINS] = frozenset(self.allowed_origins)
        self.pyodide_lock = load_lock(Path(self.pyodide_lock_file))
        self.roles = RolePolicy(
            frozenset(self.admin_users),
            frozenset(self.admin_groups),
            frozenset(self.instructor_users),
            frozenset(self.instructor_groups),
            everyone_is_admin=self.local_user_is_admin,
        )
        self.tutor_sockets = OpenSockets(self.max_tutor_sockets_per_user)
        self.tutor = TutorService(
            TutorHistory(sessions, self.retention),
            self.progress,
            self._language_model(),
            UsageLedger(sessions, Limits(self.requests_per_minute, self.tokens_per_day)),
            self.same_problem_threshold,
            self.log,
            rewrite=self.rewrite_violations,
            links=LinkPolicy(frozenset(self.tutor_link_hosts)),
            exercises=self.exercises,
            policy=self.policy,
        )
        self.store = StoreReadiness(self._prepare_store)
        safe_url = make_url(self.engine.url).render_as_string(hide_password=True)
        self.log.info("jupyter-tutor: database %s, modules from %s", safe_url, self.modules_dir)
        if self.students.local_user is not None:
            self.log.info(
                "jupyter-tutor: personal server: every browser is the student %r "
                "(c.TutorApp.local_user)",
                self.students.local_user,
            )
        elif self.local_user and under_jupyterhub():
            self.log.warning("jupyter-tutor: local_user is ignored under JupyterHub")

    def _initialize_client(self) -> None:
        configured = self.config.get("TutorApp", {})
        self.service_client = ServiceClient(
            self.service_url,
            check_client_mode(configured, self.service_url),
            os.environ.get("JUPYTERHUB_USER", ""),
            self.service_timeout_seconds,
        )
        self.working_copies = WorkingCopies(
            self.serverapp.contents_manager, Path(self.modules_dir), self.working_copy_dir
        )
        self.off_loop = OffLoop()
        # The hub service keeps the store: nothing to prepare here.
        self.store = StoreReadiness(_nothing_to_prepare)
        self.settings[ALLOWED_ORIGINS] = frozenset(self.allowed_origins)
        self.log.info("jupyter-tutor: hub client mode: the tutor service is %s", self.service_url)

    def _language_model(self) -> LanguageModel | None:
        if not (self.llm_base_url or self.llm_api_key):
            self.log.info(
                "jupyter-tutor: no language model configured; the tutor gives offline hints"
            )
            return None
        self.log.info("jupyter-tutor: tutor uses model %s", self.llm_model)
        return LanguageModel(
            ModelSettings(
                base_url=self.llm_base_url,
                api_key=self.llm_api_key,
                model=self.llm_model,
                embedding_model=self.embedding_model,
                timeout_seconds=self.llm_timeout_seconds,
                max_retries=self.llm_max_retries,
                max_tokens=self.llm_max_tokens,
            )
        )

    def initialize_handlers(self) -> None:
        if self.client_mode:
            self.handlers.extend(client_routes(API))
            return
        self.handlers.extend(
            [
                (f"{API}/config", ClientConfigHandler),
                *module_routes(API),
                *progress_routes(API),
                *tutor_routes(API),
                *package_routes(API),
                *exercise_routes(API),
                *instructor_routes(API),
                *help_routes(API),
                *policy_routes(API),
            ]
        )

    async def _start_jupyter_server_extension(self, serverapp: object) -> None:
        if self.client_mode:
            return
        try:
            await self.store.ready()
        except StoreUnavailable as error:
            self.log.error("jupyter-tutor: %s", error.message)

    async def _prepare_store(self) -> None:
        """What the store needs before the first request: migrations, the course, the catalog."""
        catalog = scan(Path(self.modules_dir))
        for problem in catalog.problems:
            self.log.warning(
                "jupyter-tutor: skipped %s: %s", problem.notebook_filename, problem.reason
            )
        async with self.engine.begin() as connection:
            await upgrade_to_head(connection)
            await sync_modules(connection, catalog.modules)
            await seed_catalog(connection, build_catalog(self.pyodide_lock, load_curated()))
            if self.students.local_user is not None:
                await self._adopt_anonymous_work(connection, self.students.local_user)
        self.modules.forget()
        self.log.info("jupyter-tutor: %d learning modules ready", len(catalog.modules))

    async def _adopt_anonymous_work(self, connection: AsyncConnection, local_user: str) -> None:
        adopted = await adopt_anonymous_users(connection, local_user, self.snapshot_limit)
        if adopted:
            self.log.info(
                "jupyter-tutor: gave the work of %d earlier anonymous users (%d modules, "
                "%d conversations) to %s",
                adopted.users,
                adopted.modules,
                adopted.conversations,
                local_user,
            )

    async def stop_extension(self) -> None:
        self.off_loop.close()
        if self.client_mode:
            return
        await self.tutor.close()
        await self.engine.dispose()


async def _nothing_to_prepare() -> None:
    return None


main = launch_new_instance = TutorApp.launch_instance
