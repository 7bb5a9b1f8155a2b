package dev.goalcoach.kit.ai;

import java.util.List;

/**
 * Where the model's calls are written down, with their tokens and outcome (the usage ledger in the repository).
 * Recording must not fail the caller: what could not be written is logged.
 */
public interface UsageLog {
    void record(List<ModelUse> uses);
}
