"""Wagtail workflows that the apps set up for themselves, so that no web editor has to."""

from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask


def group_approval_workflow(workflow_name, task_name, group_name):
    """The workflow called `workflow_name`; made on first use with a single task in which the
    members of `group_name` approve or reject. Editors may change or deactivate it later."""
    workflow, _ = Workflow.objects.get_or_create(name=workflow_name, defaults={"active": True})
    if not workflow.workflow_tasks.exists():
        group, _ = Group.objects.get_or_create(name=group_name)
        task = GroupApprovalTask.objects.create(name=task_name)
        task.groups.set([group])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow
