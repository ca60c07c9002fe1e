package nl.gezinscoaching.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import nl.gezinscoaching.events.coach.CoachRegistered;
import nl.gezinscoaching.events.trajectory.Child;
import nl.gezinscoaching.events.trajectory.Family;
import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.events.trajectory.MigrationGeneration;
import nl.gezinscoaching.events.trajectory.ReferralReason;
import nl.gezinscoaching.events.trajectory.Referrer;
import nl.gezinscoaching.platform.eventstore.AxonJdbcAutoConfiguration;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The event serializer encrypts personal fields per family; erasing the key erases them. */
class PersonalDataEncryptionTest {

    /** Keys in memory instead of in PostgreSQL. */
    static final class InMemoryKeys extends FamilyKeys {
        final Map<String, SecretKey> keys = new HashMap<>();

        InMemoryKeys() {
            super(new SimpleDriverDataSource(), new MasterKeys("test", Map.of("test", MasterKeysTest.K2)));
        }

        @Override
        SecretKey keyFor(String subject) {
            return keys.computeIfAbsent(subject, s -> {
                try {
                    KeyGenerator generator = KeyGenerator.getInstance("AES");
                    generator.init(256);
                    return generator.generateKey();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override
        Optional<SecretKey> existing(String subject) {
            return Optional.ofNullable(keys.get(subject));
        }

        @Override
        public void erase(String subject) {
            keys.remove(subject);
        }
    }

    private final InMemoryKeys keys = new InMemoryKeys();
    private final FieldCipher cipher = new FieldCipher(keys);
    private final Serializer serializer = AxonJdbcAutoConfiguration.eventSerializer(cipher);

    private static FamilyReferred referral(String id) {
        return new FamilyReferred(id, LocalDate.of(2026, 1, 5),
                new Family("CL-77", "Familie Zwaluw", "Escamp", "ar", true, MigrationGeneration.FIRST),
                List.of(new Child("Noor", LocalDate.of(2014, 3, 9))), new Referrer("Dr. Visser", "JGZ"),
                Set.of(ReferralReason.CHILD_SAFETY), false);
    }

    private String stored(Object event) {
        return new String(serializer.serialize(event, byte[].class).getData(), StandardCharsets.UTF_8);
    }

    @Test
    void personalFieldsAreStoredEncryptedAndReadBackWhole() {
        FamilyReferred event = referral("t-1");
        SerializedObject<byte[]> serialized = serializer.serialize(event, byte[].class);
        String json = new String(serialized.getData(), StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("Zwaluw", "Noor", "2014-03-09", "Visser", "CL-77")
                .contains("\"district\":\"Escamp\"", "\"receivedOn\":\"2026-01-05\"", FieldCipher.PREFIX + "t-1:");
        assertThat((Object) serializer.deserialize(serialized)).isEqualTo(event);
    }

    @Test
    void eventsWithoutPersonalDataStayPlain() {
        CoachRegistered coach = new CoachRegistered("c-1", "Anna", "Noord", java.math.BigDecimal.ONE, LocalDate.of(2026, 1, 1));
        assertThat(stored(coach)).contains("\"name\":\"Anna\"").doesNotContain(FieldCipher.PREFIX);
    }

    @Test
    void afterErasureThePersonalFieldsReadAsNullAndTheRestRemains() {
        SerializedObject<byte[]> serialized = serializer.serialize(referral("t-2"), byte[].class);
        keys.erase("t-2");
        FamilyReferred read = serializer.deserialize(serialized);
        assertThat(read.family().name()).isNull();
        assertThat(read.family().reference()).isNull();
        assertThat(read.children().get(0).birthDate()).isNull();
        assertThat(read.referrer().name()).isNull();
        assertThat(read.family().district()).isEqualTo("Escamp");
        assertThat(read.referrer().organisation()).isEqualTo("JGZ");
    }

    @Test
    void erasingOneFamilyLeavesAnotherReadable() {
        SerializedObject<byte[]> first = serializer.serialize(referral("t-3"), byte[].class);
        SerializedObject<byte[]> second = serializer.serialize(referral("t-4"), byte[].class);
        keys.erase("t-3");
        assertThat(((FamilyReferred) serializer.deserialize(first)).family().name()).isNull();
        assertThat(((FamilyReferred) serializer.deserialize(second)).family().name()).isEqualTo("Familie Zwaluw");
    }

    @Test
    void aTamperedValueIsRejected() {
        String encrypted = cipher.encrypt("t-5", "\"Zwaluw\"".getBytes(StandardCharsets.UTF_8));
        char last = encrypted.charAt(encrypted.length() - 3);
        String tampered = encrypted.substring(0, encrypted.length() - 3) + (last == 'A' ? 'B' : 'A')
                + encrypted.substring(encrypted.length() - 2);
        assertThatThrownBy(() -> cipher.decrypt(tampered)).isInstanceOf(IllegalStateException.class);
        String movedToAnotherFamily = encrypted.replace(":t-5:", ":t-6:");
        keys.keyFor("t-6");
        assertThatThrownBy(() -> cipher.decrypt(movedToAnotherFamily)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aValueEncryptsDifferentlyEachTime() {
        byte[] plaintext = "\"Zwaluw\"".getBytes(StandardCharsets.UTF_8);
        assertThat(cipher.encrypt("t-7", plaintext)).isNotEqualTo(cipher.encrypt("t-7", plaintext));
    }
}
