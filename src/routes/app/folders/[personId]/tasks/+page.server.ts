import { taskDoneForm, taskForm } from '#lib/server/support/care-schemas.ts';
import { careAction } from '#lib/server/support/care-route.ts';
import { folderLoad } from '#lib/server/support/route.ts';
import { addTask, listTasks, setTaskDone } from '#lib/server/support/tasks.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) =>
	folderLoad(event, async (ctx) => {
		const list = await listTasks(ctx, event.params.personId);
		return { ...list, now: new Date(), formId: crypto.randomUUID() };
	});

export const actions: Actions = {
	add: (event) => careAction(event, 'task', taskForm, (ctx, id, data) => addTask(ctx, id, data)),
	done: (event) => careAction(event, (v) => `done-${v.taskId}`, taskDoneForm, (ctx, id, data) => setTaskDone(ctx, id, data))
};
