// C2: whether a contact's training is current, as the roster reports it.

export type TrainingFlag = 'current' | 'missing' | 'expired';

/** C2: the roster's training of a contact as a flag (no training recorded: missing). */
export function trainingFlag(training: { last_trained: string | null; current: boolean } | undefined): TrainingFlag {
  if (!training || training.last_trained === null) return 'missing';
  return training.current ? 'current' : 'expired';
}
