"""The AI policy routes: what is in force now (everyone), and the instructors' override."""

from typing import Any

from tornado import web

from ..errors import InvalidRequest
from ..instructor.routes import InstructorHandler
from ..store.models import LearningModule, utcnow
from ..tutor.service import module_settings
from ..web.base import TutorHandler
from ..web.paths import MODULE_IN_PATH


class ModulePolicyHandler(TutorHandler):
    """The policy in force now for the module and each exercise, and until when."""

    @web.authenticated
    async def get(self, module_id: str) -> None:
        module = await self.app.modules.require_module(module_id)
        policy = await self.app.policy.of_module(module)
        self.reply(policy.learner_json(module, module_settings(module), utcnow()))


def _override(body: dict[str, Any]) -> Any:
    if set(body) != {"policy"}:
        raise InvalidRequest('The body must be {"policy": {...}} (or {"policy": null} to clear).')
    value = body["policy"]
    if value is not None and not isinstance(value, dict):
        raise InvalidRequest("policy must be an object, or null to clear the override.")
    return value


class InstructorPolicyHandler(InstructorHandler):
    @web.authenticated
    async def get(self, module_id: str) -> None:
        module = await self.module_for_instructor(module_id)
        await self._reply(module, await self.app.policy.of_module(module))

    @web.authenticated
    async def put(self, module_id: str) -> None:
        module = await self.module_for_instructor(module_id)
        raw = _override(self.json_body())
        try:
            stored = await self.app.policy.set_override(module, raw, self.user_id)
        except ValueError as error:
            raise InvalidRequest(str(error)) from None
        await self._reply(module, stored)

    async def _reply(self, module: LearningModule, policy: Any) -> None:
        self.reply(policy.instructor_json(module, module_settings(module), utcnow()))


def policy_routes(api: str) -> list[tuple[str, type[TutorHandler]]]:
    return [
        (f"{api}/modules/{MODULE_IN_PATH}/policy", ModulePolicyHandler),
        (f"{api}/instructor/modules/{MODULE_IN_PATH}/policy", InstructorPolicyHandler),
    ]
