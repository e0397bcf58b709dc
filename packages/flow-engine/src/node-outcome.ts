import type { ApprovalMode } from './flow-definition';

export type SeatCounts = { total: number; approved: number; rejected: number };
export type NodeOutcome = 'pending' | 'approved' | 'rejected';

/** Whether an approval node is decided, from its seats (approver slots; a sequential node has one).
 * sequential/countersign: every seat approves, any rejection rejects. anySign: the first decided
 * seat wins. vote: passes once approvals reach `votePercent` of the seats (rounded up, at least one)
 * and fails as soon as the undecided seats can no longer get it there. */
export function nodeOutcome(mode: ApprovalMode, seats: SeatCounts, votePercent: number | undefined): NodeOutcome {
  const { total, approved, rejected } = seats;
  if (mode === 'anySign') return approved > 0 ? 'approved' : rejected > 0 ? 'rejected' : 'pending';
  if (mode === 'vote') {
    const percent = Math.min(100, Math.max(1, votePercent ?? 100));
    const needed = Math.max(1, Math.ceil((total * percent) / 100 - 1e-9));
    if (approved >= needed) return 'approved';
    return approved + (total - approved - rejected) < needed ? 'rejected' : 'pending';
  }
  if (rejected > 0) return 'rejected';
  return approved >= total ? 'approved' : 'pending';
}
