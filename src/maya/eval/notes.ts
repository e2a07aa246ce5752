/** The metric definitions as the report states them (kept beside the code that implements them). */
export const EVALUATION_NOTES = {
  categorical: [
    'Every id is a class, **PAD and UNKNOWN included**. A true PAD is a legitimate answer for optional fields ' +
      '(pool2 of a single swap, outAsset of a pending action, flags of non-swaps) and is scored like any class. ' +
      'A true UNKNOWN is a token the train block never saw; predicting UNKNOWN there counts as correct (the UNK share column shows how often it happens).',
    '',
    '- accuracy: share of targets with the true id;',
    "- macro-F1: mean F1 over the classes present in the block's truth (precision 0 for a class never predicted); a class predicted but absent from the truth gets no F1 term of its own, it only lowers the recall of the true classes;",
    '- balanced accuracy: mean recall over the classes present in the truth.',
  ].join('\n'),
  numeric: [
    "Only targets whose true value is present (mask 1) are scored. Spaces: **scaled** (the model's, standardised with the train scaler), " +
      "**transformed** (scaler inverted: log1p units for amounts, fees, time and liquidity units — an error of 0.1 is about 10% — and the field's own unit otherwise), " +
      '**real** (transform inverted too: expm1 clamped at 0 for log1p fields; amounts in 1e8 base units, time in seconds; liquidity units as a magnitude). ' +
      "Real-unit errors of amounts are dominated by the largest actions. Skill = max(0, 1 − MAE/MAD) in the scaled space, MAD being the mean absolute deviation of the block's true values from their median (0 = no better than the best constant). " +
      'Presence accuracy (when the predictor says whether the field is present): share of all targets where it agrees with the mask.',
  ].join('\n'),
  weighted: [
    "score = Σ w·s / Σ w over the prototype's features that have a counterpart here, with the prototype's weights " +
      '(default weight 1 for old features without an entry). s = accuracy for categorical features, skill = max(0, 1 − MAE/MAD) for numerics. ' +
      "**Features constant on the evaluated block are excluded** (listed below): a constant is trivially predictable, and that is how the prototype's " +
      '0.8316, measured on its own training data, was inflated. Weight-0 features and features never present are excluded too.',
  ].join('\n'),
  calibration: [
    'The predicted class is the arg-max of the type probabilities and its confidence the max probability; targets are put in equal-width confidence bins. ' +
      'ECE = Σ_b (n_b/n)·|accuracy_b − confidence_b|. Log loss = mean −ln p(true type), p clipped at 1e-7. ' +
      'Baselines: copy-last gives a one-hot row, majority the train type frequencies, Markov the transition row of the last window type.',
  ].join('\n'),
  definitions: [
    '- **Targets**: the action right after each window of L actions, every window lying inside the block.',
    '- **copy-last**: the target is a copy of the last action of its window (every column; numerics as they were, presence from its mask).',
    '- **majority**: every target gets the most frequent train-target id of each categorical column, the median train value of each numeric (where present; the best constant under absolute error, in real units and in log space alike), and the majority presence.',
    "- **markov**: first-order chain over the type: the most frequent train successor of the window's last type (ties: the type more frequent on train; an unseen predecessor: the majority type); " +
      'the other columns are the per-type majority / median over train targets of the predicted type.',
    "- Baselines are fitted on train targets only; none sees the evaluated block's targets.",
  ].join('\n'),
} as const;
