package nl.gezinscoaching.platform.crypto;

import java.security.NoSuchAlgorithmException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The families' data keys, in table {@code family_key}, each wrapped by a master key ({@link MasterKeys}).
 * A key is created in the transaction of the first event that needs it, so it commits (or rolls back) with
 * that event; a key created in this transaction is cached only once it has committed, any other key as
 * soon as it is read. Keys never leave this class in a log or an exception.
 * <p>
 * The cache has no expiry and knows of an erasure only when this process erases the key, or is told to
 * {@link #evict} it. A read that shows personal data to a person therefore runs in
 * {@link #checkingErasure}: the key row is looked up once per family and read, so an erasure by another
 * service or instance takes effect at the next read, while replays and projections keep using the cache.
 */
public class FamilyKeys {

    private static final Logger log = LoggerFactory.getLogger(FamilyKeys.class);
    private static final int CACHE_LIMIT = 50_000;
    private static final int REWRAP_BATCH = 500;

    private final JdbcClient jdbc;
    private final MasterKeys masterKeys;
    private final Cache<String, SecretKey> cache = Caffeine.newBuilder().maximumSize(CACHE_LIMIT).build();
    /** Per thread, inside {@link #checkingErasure}: the keys this read has checked against the table. */
    private final ThreadLocal<Map<String, Optional<SecretKey>>> checked = new ThreadLocal<>();

    public FamilyKeys(DataSource dataSource, MasterKeys masterKeys) {
        this.jdbc = JdbcClient.create(dataSource);
        this.masterKeys = masterKeys;
    }

    /** The family's key, created when it has none yet. */
    SecretKey keyFor(String subject) {
        return existing(subject).orElseGet(() -> {
            createdInThisTransaction().add(subject);
            jdbc.sql("INSERT INTO family_key (subject_id, key_bytes, wrapped_by) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(subject, masterKeys.wrap(newKey()), masterKeys.currentId())
                    .update();
            return existing(subject).orElseThrow(() -> new IllegalStateException("Data key could not be stored"));
        });
    }

    /** Subjects whose key this transaction created: not to be cached before it commits. */
    @SuppressWarnings("unchecked")
    private Set<String> createdInThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new HashSet<>();
        }
        Set<String> created = (Set<String>) TransactionSynchronizationManager.getResource(this);
        if (created == null) {
            Set<String> fresh = new HashSet<>();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(FamilyKeys.this);
                }
            });
            created = fresh;
        }
        return created;
    }

    /**
     * Runs {@code read} with every family key it uses looked up in {@code family_key} first (once per family
     * and read, in the caller's transaction): a key erased by another process, or by another instance of
     * this service, is not used from the cache, and leaves it. The cost is one primary-key lookup per
     * family; the unwrapped key still comes from the cache.
     */
    public <T> T checkingErasure(Supplier<T> read) {
        if (checked.get() != null) {
            return read.get();
        }
        checked.set(new HashMap<>());
        try {
            return read.get();
        } finally {
            checked.remove();
        }
    }

    /**
     * {@link #checkingErasure(Supplier)} for a read of many families known beforehand (a list of names): their key
     * rows are looked up with one query instead of one each.
     */
    public <T> T checkingErasure(Collection<String> subjects, Supplier<T> read) {
        return checkingErasure(() -> {
            Map<String, Optional<SecretKey>> checkedInThisRead = checked.get();
            Map<String, Stored> rows = new HashMap<>();
            jdbc.sql("SELECT subject_id, key_bytes, wrapped_by FROM family_key WHERE subject_id = ANY(?)")
                    .param(subjects.stream().distinct().toArray(String[]::new))
                    .query((rs, i) -> new Stored(rs.getString(1), rs.getBytes(2), rs.getString(3)))
                    .list()
                    .forEach(row -> rows.put(row.subject(), row));
            for (String subject : subjects) {
                checkedInThisRead.computeIfAbsent(subject, key -> present(key, Optional.ofNullable(rows.get(key))));
            }
            return read.get();
        });
    }

    /** The family's key, or empty when it never had one or it was erased. */
    Optional<SecretKey> existing(String subject) {
        Map<String, Optional<SecretKey>> checkedInThisRead = checked.get();
        if (checkedInThisRead != null) {
            return checkedInThisRead.computeIfAbsent(subject, this::stored);
        }
        SecretKey cached = cache.getIfPresent(subject);
        if (cached != null) {
            return Optional.of(cached);
        }
        return stored(subject);
    }

    /** The key as the table has it now; cached when present, forgotten when erased. */
    private Optional<SecretKey> stored(String subject) {
        return present(subject, jdbc.sql("SELECT subject_id, key_bytes, wrapped_by FROM family_key WHERE subject_id = ?")
                .param(subject)
                .query((rs, i) -> new Stored(rs.getString(1), rs.getBytes(2), rs.getString(3)))
                .optional());
    }

    /** The key of a row as read now; cached when present, forgotten when erased. */
    private Optional<SecretKey> present(String subject, Optional<Stored> row) {
        if (row.isEmpty()) {
            evict(subject);
            return Optional.empty();
        }
        SecretKey cached = cache.getIfPresent(subject);
        if (cached != null) {
            return Optional.of(cached);
        }
        SecretKey key = unwrap(row.get().keyBytes(), row.get().wrappedBy());
        cacheWhenCommitted(subject, key);
        return Optional.of(key);
    }

    private SecretKey unwrap(byte[] stored, String wrappedBy) {
        return wrappedBy == null ? new SecretKeySpec(stored, "AES") : masterKeys.unwrap(wrappedBy, stored);
    }

    /** A data key as stored. */
    private record Stored(String subject, byte[] keyBytes, String wrappedBy) {
    }

    /**
     * Wraps every data key that is not wrapped with the current master key yet (stored before keys were
     * wrapped, or wrapped with a previous master key) with the current one; returns how many it wrapped.
     * Each row is replaced only if nobody changed it meanwhile, so several instances may run this at once.
     */
    public int rewrap() {
        String current = masterKeys.currentId();
        int rewrapped = 0;
        String after = "";
        List<Stored> batch;
        do {
            batch = jdbc.sql("""
                            SELECT subject_id, key_bytes, wrapped_by FROM family_key
                            WHERE wrapped_by IS DISTINCT FROM ? AND subject_id > ?
                            ORDER BY subject_id LIMIT ?""")
                    .params(current, after, REWRAP_BATCH)
                    .query((row, i) -> new Stored(row.getString(1), row.getBytes(2), row.getString(3)))
                    .list();
            for (Stored stored : batch) {
                byte[] wrapped = masterKeys.wrap(unwrap(stored.keyBytes(), stored.wrappedBy()));
                rewrapped += jdbc.sql("""
                                UPDATE family_key SET key_bytes = ?, wrapped_by = ?
                                WHERE subject_id = ? AND wrapped_by IS NOT DISTINCT FROM ?""")
                        .params(wrapped, current, stored.subject(), stored.wrappedBy())
                        .update();
                after = stored.subject();
            }
        } while (!batch.isEmpty());
        if (rewrapped > 0) {
            log.info("Wrapped {} family data keys with master key '{}'", rewrapped, current);
        }
        return rewrapped;
    }

    /** Destroys the family's key, in the current transaction: their personal data becomes unreadable. */
    public void erase(String subject) {
        jdbc.sql("DELETE FROM family_key WHERE subject_id = ?").param(subject).update();
        evict(subject);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    evict(subject);
                }
            });
        }
    }

    /** Forgets a cached key (another process erased it). */
    public void evict(String subject) {
        cache.invalidate(subject);
    }

    private void cacheWhenCommitted(String subject, SecretKey key) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !createdInThisTransaction().contains(subject)) {
            cache.put(subject, key);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                cache.put(subject, key);
            }
        });
    }

    private static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("AES is part of every JDK", e);
        }
    }
}
