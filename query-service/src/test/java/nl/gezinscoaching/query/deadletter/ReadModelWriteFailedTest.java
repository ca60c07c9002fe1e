package nl.gezinscoaching.query.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadModelWriteFailedTest {

    @Test
    void theStatementShapeIsItsVerbAndTableWithoutParameters() {
        assertThat(ReadModelWriteFailed.shape("""
                INSERT INTO rm_coach (coach_id, name, cluster, fte, registered_on) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (coach_id) DO NOTHING""")).isEqualTo("INSERT INTO rm_coach");
        assertThat(ReadModelWriteFailed.shape("UPDATE rm_trajectory SET district = ? WHERE trajectory_id = ?"))
                .isEqualTo("UPDATE rm_trajectory");
        assertThat(ReadModelWriteFailed.shape("DELETE FROM rm_goal WHERE goal_id = ?")).isEqualTo("DELETE FROM rm_goal");
    }
}
