package nl.gezinscoaching.query.deadletter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.gezinscoaching.query.deadletter.DeadLetterConfiguration.DeadLetteringGroups;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The dead letters of every dead-lettering processing group: counted, listed, retried. A retry hands a
 * sequence (a trajectory) to Axon, which processes its letters in order through the group's handlers,
 * evicting each that succeeds and stopping at the first that fails again (kept, with its new cause).
 */
@Service
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final DeadLetteringGroups groups;
    private final DeadLetterQueries queries;
    private final EventProcessingConfiguration processing;

    DeadLetters(DeadLetteringGroups groups, DeadLetterQueries queries, EventProcessingConfiguration processing) {
        this.groups = groups;
        this.queries = queries;
        this.processing = processing;
    }

    /** Sequences and letters of one group. */
    public record Count(String processingGroup, long sequences, long letters) {
    }

    /** Every dead-lettering group, with zero counts for an empty queue. */
    public List<Count> counts() {
        List<DeadLetterQueries.Count> stored = queries.counts();
        return groups.names().stream().map(group -> stored.stream().filter(c -> c.processingGroup().equals(group))
                        .findFirst().map(c -> new Count(group, c.sequences(), c.letters()))
                        .orElse(new Count(group, 0, 0)))
                .toList();
    }

    List<DeadLetterQueries.Letter> letters(int offset, int limit) {
        return queries.letters(offset, limit);
    }

    /**
     * What a retry did.
     *
     * @param retried   sequences handed to Axon
     * @param cleared   of those, the sequences whose every letter was processed and evicted
     * @param remaining the sequences that still have letters afterwards (a letter failed again)
     */
    public record Retry(int retried, int cleared, List<String> remaining) {
    }

    /** Retries every sequence of every group. */
    public Retry retryAll() {
        List<String> remaining = new ArrayList<>();
        int retried = 0;
        for (String group : groups.names()) {
            for (String sequence : queries.sequences(group)) {
                retried++;
                if (!retry(group, sequence)) {
                    remaining.add(sequence);
                }
            }
        }
        log.info("Retried {} dead-lettered sequences: {} cleared, {} remain", retried, retried - remaining.size(),
                remaining.size());
        return new Retry(retried, retried - remaining.size(), remaining.stream().sorted().toList());
    }

    /** Retries one sequence (a trajectory) in every group that holds it; empty if none does. */
    public Optional<Retry> retry(String sequence) {
        List<String> holding = queries.groupsOf(sequence).stream().filter(groups.names()::contains).toList();
        if (holding.isEmpty()) {
            return Optional.empty();
        }
        boolean cleared = holding.stream().map(group -> retry(group, sequence)).reduce(true, Boolean::logicalAnd);
        return Optional.of(new Retry(1, cleared ? 1 : 0, cleared ? List.of() : List.of(sequence)));
    }

    /** Whether the sequence is gone from the group's queue afterwards. */
    private boolean retry(String group, String sequence) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> new IllegalStateException("No dead-letter processor for " + group));
        processor.process(letter -> letter instanceof JdbcDeadLetter<?> stored
                && stored.getSequenceIdentifier().equals(sequence));
        return !queries.sequences(group).contains(sequence);
    }
}
