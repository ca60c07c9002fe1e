package nl.gezinscoaching.platform.crypto;

import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The families' data keys, in table {@code family_key}. A key is created in the transaction of the first
 * event that needs it, so it commits (or rolls back) with that event; a key created in this transaction is
 * cached only once it has committed, any other key as soon as it is read. Keys never leave this class in
 * a log or an exception.
 */
public class FamilyKeys {

    private static final int CACHE_LIMIT = 50_000;

    private final JdbcClient jdbc;
    private final Map<String, SecretKey> cache = new ConcurrentHashMap<>();

    public FamilyKeys(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** The family's key, created when it has none yet. */
    SecretKey keyFor(String subject) {
        return existing(subject).orElseGet(() -> {
            createdInThisTransaction().add(subject);
            jdbc.sql("INSERT INTO family_key (subject_id, key_bytes) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(subject, newKey().getEncoded())
                    .update();
            return existing(subject).orElseThrow(() -> new IllegalStateException("Data key could not be stored"));
        });
    }

    /** Subjects whose key this transaction created: not to be cached before it commits. */
    @SuppressWarnings("unchecked")
    private java.util.Set<String> createdInThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new java.util.HashSet<>();
        }
        java.util.Set<String> created = (java.util.Set<String>) TransactionSynchronizationManager.getResource(this);
        if (created == null) {
            java.util.Set<String> fresh = new java.util.HashSet<>();
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

    /** The family's key, or empty when it never had one or it was erased. */
    Optional<SecretKey> existing(String subject) {
        SecretKey cached = cache.get(subject);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<SecretKey> stored = jdbc.sql("SELECT key_bytes FROM family_key WHERE subject_id = ?")
                .param(subject)
                .query((row, i) -> (SecretKey) new SecretKeySpec(row.getBytes(1), "AES"))
                .optional();
        stored.ifPresent(key -> cacheWhenCommitted(subject, key));
        return stored;
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
        cache.remove(subject);
    }

    private void cacheWhenCommitted(String subject, SecretKey key) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !createdInThisTransaction().contains(subject)) {
            cache(subject, key);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                cache(subject, key);
            }
        });
    }

    private void cache(String subject, SecretKey key) {
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(subject, key);
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
