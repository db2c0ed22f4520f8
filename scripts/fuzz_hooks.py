"""Schemathesis hooks of ``make fuzz`` (loaded through SCHEMATHESIS_HOOKS=fuzz_hooks).

The fuzzer acts as one admin, whose token every request carries: a PATCH of that admin's own
user (a new password, another role) would end the token and turn the rest of the run into
401s. Such a call goes to another user instead, so every operation is still exercised."""

import os

import schemathesis

FUZZ_ADMIN_ID = int(os.environ.get("FUZZ_ADMIN_ID", "0"))
OTHER_USER_ID = int(os.environ.get("FUZZ_OTHER_USER_ID", "0"))


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    parameters = case.path_parameters or {}
    if parameters.get("user_id") == FUZZ_ADMIN_ID and case.method.upper() == "PATCH":
        parameters["user_id"] = OTHER_USER_ID
