"""REST routes of the help queue: a student's own requests, and the instructor's queue."""

from tornado import web

from ..instructor.routes import InstructorHandler
from ..web.base import TutorHandler, path_id
from ..web.paths import MODULE_IN_PATH
from .request import parse_help_answer, parse_help_ask, status_filter

REQUEST_IN_PATH = r"(?P<request_id>[0-9]+)"


class HelpRequestsHandler(TutorHandler):
    """A student asks their instructor, and lists their own requests about a module."""

    @web.authenticated
    async def get(self) -> None:
        module = await self.app.modules.require_module(self.get_query_argument("module_id", ""))
        self.reply({"requests": await self.app.help.mine(self.user_id, module)})

    @web.authenticated
    async def post(self) -> None:
        ask = parse_help_ask(self.json_body())
        module = await self.app.modules.require_module(ask.module_id)
        self.reply(await self.app.help.ask(self.user_id, module, ask))


class HelpRequestHandler(TutorHandler):
    @web.authenticated
    async def get(self, request_id: str) -> None:
        found = path_id(request_id, "help request")
        self.reply(await self.app.help.one_of(self.user_id, found))


class HelpQueueHandler(InstructorHandler):
    @web.authenticated
    async def get(self, module_id: str) -> None:
        module = await self.module_for_instructor(module_id)
        status = status_filter(self.query_text("status", 20))
        requests = await self.app.help.queue(module, status)
        self.reply({"module_id": module.slug, "requests": requests})


class HelpAnswerHandler(TutorHandler):
    @web.authenticated
    async def post(self, request_id: str) -> None:
        self.require_role("instructor")
        answer = parse_help_answer(self.json_body())
        found = path_id(request_id, "help request")
        self.reply(await self.app.help.answer(found, self.user_id, answer))


class HelpResolveHandler(TutorHandler):
    @web.authenticated
    async def post(self, request_id: str) -> None:
        self.require_role("instructor")
        self.reply(await self.app.help.resolve(path_id(request_id, "help request")))


def help_routes(api: str) -> list[tuple[str, type[TutorHandler]]]:
    queue = f"{api}/instructor/help-requests/{REQUEST_IN_PATH}"
    return [
        (f"{api}/help/requests", HelpRequestsHandler),
        (f"{api}/help/requests/{REQUEST_IN_PATH}", HelpRequestHandler),
        (f"{api}/instructor/modules/{MODULE_IN_PATH}/help-requests", HelpQueueHandler),
        (f"{queue}/answer", HelpAnswerHandler),
        (f"{queue}/resolve", HelpResolveHandler),
    ]
