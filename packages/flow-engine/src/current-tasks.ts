import type { FlowInstance, FlowTask } from './flow-instance';

/** The open tasks of an instance (the API's `currentTasks`). */
export function currentTasks(instance: FlowInstance): FlowTask[] {
  return instance.tasks.filter((task) => task.status === 'todo');
}
