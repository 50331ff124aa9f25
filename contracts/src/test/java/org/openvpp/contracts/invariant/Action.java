package org.openvpp.contracts.invariant;

/**
 * One step of the walk. Every field is a small choice index, interpreted against the state the walk
 * has reached ("the i-th open request modulo how many there are"), so any sub-list of a walk is
 * still a meaningful walk and jqwik can shrink a failure to the few steps that matter. A step whose
 * choice has no candidate in the current state does nothing.
 */
sealed interface Action {
  /** A requester (0 honest, 1 greedy) posts a request of a size class. */
  record Post(int requester, int size) implements Action {}

  /** A node commits a sealed bid to an open request. */
  record Commit(int node, int request, int power, int price) implements Action {}

  /** A node reveals its bids in their reveal windows (honest nodes also reveal on their own). */
  record Reveal(int node) implements Action {}

  /** Anyone clears a request whose reveal window has closed. */
  record Clear(int request) implements Action {}

  /** A requester cancels one of its requests while bidding is open. */
  record Cancel(int request) implements Action {}

  /** A node posts evidence for an award whose window ended (the fraudster inflates it). */
  record Deliver(int node, int award, int fraction) implements Action {}

  /** A node posts evidence for the last ended contribution epoch. */
  record Contribute(int node, int fraction) implements Action {}

  /** The admin funds the contribution pool. */
  record Fund(int amount) implements Action {}

  /** Anyone draws the committee of a pending submission. */
  record Draw(int submission) implements Action {}

  /**
   * A committee member signs a pending submission if its conscience allows, and the signature is
   * posted on chain (Settlement.attest).
   */
  record Attest(int submission, int member) implements Action {}

  /** Anyone redraws the committee of a submission that reached no quorum in time. */
  record Redraw(int submission) implements Action {}

  /** Anyone finalizes a submission that has its quorum and a closed challenge window. */
  record Finalize(int submission) implements Action {}

  /**
   * The challenger commits to a challenge of a pending submission: any (provable or not), or when
   * {@code checked} only one its readings prove fraudulent (a watcher checks before committing).
   */
  record CommitChallenge(int submission, boolean checked) implements Action {}

  /** The challenger reveals one of its commitments in a later block: the challenge itself. */
  record Challenge(int commitment) implements Action {}

  /** Someone claims an owner's rewards from a node's root (again, if already claimed). */
  record Claim(int owner, int node) implements Action {}

  /** An account withdraws what the coordinator owes it (the greedy requester tries twice). */
  record Withdraw(int account) implements Action {}

  /** A requester withdraws its credited shares of fraud slashes (the greedy one tries twice). */
  record WithdrawCredits(int requester) implements Action {}

  /** A node withdraws its attestor fees. */
  record WithdrawFees(int node) implements Action {}

  /** Anyone releases the unpaid escrow of a request. */
  record Release(int request) implements Action {}

  /** A node adds stake. */
  record Stake(int node, int amount) implements Action {}

  /** A node starts unbonding stake (honest nodes keep the minimum). */
  record Unbond(int node, int amount) implements Action {}

  /** A node withdraws its unbonded stake (malicious ones try early or with obligations). */
  record WithdrawStake(int node) implements Action {}

  /** Anyone expires a submission that can no longer finalize (superseded, late, timed out). */
  record Expire(int submission) implements Action {}

  /** Chain time moves forward by a chosen step. */
  record Advance(int step) implements Action {}
}
