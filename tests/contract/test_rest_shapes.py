"""The REST answers the browser's Lite implementation mirrors have the contract's shapes."""

from conftest import payload
from contract_shapes import conform


async def test_config_modules_opening_and_history_are_the_contract_shapes(api):
    conform("ClientConfig", payload(await api("config")))
    for module in payload(await api("modules"))["modules"]:
        conform("ModuleSummary", module)
    conform("ModuleSummary", payload(await api("modules", "alpha")))
    conform("OpenedModule", payload(await api("modules", "alpha", "open", method="POST")))
    conform("Progress", payload(await api("progress", "alpha")))
    for progress in payload(await api("progress"))["progress"]:
        conform("Progress", progress)
    conform("TutorHistory", payload(await api("tutor", "history", params={"module_id": "alpha"})))
    conform(
        "CheckedPackageList",
        payload(await api("packages", "check", method="POST", body={"packages": None})),
    )
