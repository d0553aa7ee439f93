// Why a session change was refused, for pages and endpoints to turn into a message a trainer
// can act on (404, 409, 422).
export type SessionChangeFailure = 'not-found' | 'cancelled' | 'invalid-times' | 'invalid-capacity' | 'below-confirmed' | 'conflict';

export class SessionChangeError extends Error {
  constructor(
    readonly reason: SessionChangeFailure,
    message: string = reason,
  ) {
    super(message);
    this.name = 'SessionChangeError';
  }
}

// Lowering capacity below the seats already confirmed would overbook (DESIGN rule 1).
export class CapacityBelowConfirmedError extends SessionChangeError {
  constructor(readonly confirmedSeats: number) {
    super('below-confirmed', `capacity cannot go below the ${confirmedSeats} confirmed seats`);
    this.name = 'CapacityBelowConfirmedError';
  }
}
