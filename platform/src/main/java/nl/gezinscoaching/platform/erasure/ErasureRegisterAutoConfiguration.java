package nl.gezinscoaching.platform.erasure;

import java.nio.file.Path;
import java.util.List;
import nl.gezinscoaching.platform.crypto.FamilyKeys;
import nl.gezinscoaching.platform.crypto.HmacKey;
import nl.gezinscoaching.platform.eventstore.AxonJdbcAutoConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The erasure register ({@code platform.erasure-register.file}, signed with
 * {@code platform.erasure-register.key}), and its application at start-up: after the migrations and before
 * any event processor, scheduler or web server starts, the data key of every registered family is destroyed
 * and each service's {@link ErasureFollowUp}s run. So a database restored from a backup taken before an
 * erasure serves nothing of that family, whichever service starts first. Before that the register is checked
 * against its anchors and the event store ({@link ErasureRegister#verify}): a service does not start on a register
 * that could hide an erasure.
 */
@AutoConfiguration(after = AxonJdbcAutoConfiguration.class)
public class ErasureRegisterAutoConfiguration {

    static final String FILE = "platform.erasure-register.file";
    static final String KEY = "platform.erasure-register.key";
    /** The second file that anchors the register's head; beside it ({@code FILE.anchor}) unless set. */
    static final String ANCHOR_FILE = "platform.erasure-register.anchor-file";
    private static final Logger log = LoggerFactory.getLogger(ErasureRegisterAutoConfiguration.class);

    @Bean
    ErasureRegister erasureRegister(@Value("${" + FILE + ":}") String file, @Value("${" + KEY + ":}") String key,
                                    @Value("${" + ANCHOR_FILE + ":}") String anchorFile) {
        if (file.isBlank()) {
            throw new IllegalStateException(FILE + " is not set: the file, outside the database and its backups,"
                    + " where erasures are registered (docs/operations.md)");
        }
        Path register = Path.of(file);
        return new ErasureRegister(register, anchorFile.isBlank()
                ? register.resolveSibling(register.getFileName() + ".anchor") : Path.of(anchorFile),
                HmacKey.fromBase64(KEY, key));
    }

    @Bean
    DatabaseAnchor erasureRegisterDatabaseAnchor(JdbcClient jdbc) {
        return new DatabaseAnchor(jdbc);
    }

    @Bean
    SmartInitializingSingleton applyRegisteredErasures(ErasureRegister register, DatabaseAnchor databaseAnchor,
                                                       FamilyKeys familyKeys, PlatformTransactionManager transactions,
                                                       ObjectProvider<ErasureFollowUp> followUps) {
        return () -> {
            // a register emptied, cut short, older than the database or missing is refused before anything is served
            ErasureRegister.Head head = register.verify(databaseAnchor.read(), databaseAnchor.erasedInEventStore());
            List<RegisteredErasure> erasures = register.erasures();
            TransactionTemplate transaction = new TransactionTemplate(transactions);
            List<ErasureFollowUp> each = followUps.orderedStream().toList();
            for (RegisteredErasure erasure : erasures) {
                transaction.executeWithoutResult(status -> {
                    familyKeys.erase(erasure.trajectoryId());
                    each.forEach(followUp -> followUp.apply(erasure));
                });
            }
            transaction.executeWithoutResult(status -> databaseAnchor.moveOn(head));
            log.info("Erasure register {}: {} erasures applied (data keys destroyed{})", register.file(),
                    erasures.size(), each.isEmpty() ? "" : ", erasure events completed");
        };
    }
}
