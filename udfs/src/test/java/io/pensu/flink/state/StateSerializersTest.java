package io.pensu.flink.state;

import io.pensu.flink.input.Sample;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateSerializersTest {

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        assertThat(out.length()).isEqualTo(serializer.getLength());
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    private static <T> TypeSerializerSnapshot<T> restoreSnapshot(TypeSerializer<T> serializer)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        return TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()),
                StateSerializersTest.class.getClassLoader());
    }

    @Test
    void metricStatusSurvivesSerialization() throws IOException {
        MetricStatus status = new MetricStatus(1_587_617_182_000L, 12_345L, 17, true);
        assertThat(roundTrip(MetricStatusSerializer.INSTANCE, status)).isEqualTo(status);
        assertThat(roundTrip(MetricStatusSerializer.INSTANCE, MetricStatus.NEW))
                .isEqualTo(MetricStatus.NEW);
    }

    @Test
    void journalEntrySurvivesSerialization() throws IOException {
        JournalEntry entry = new JournalEntry(1_587_617_182_500L, -0.125);
        assertThat(roundTrip(JournalEntrySerializer.INSTANCE, entry)).isEqualTo(entry);
    }

    @Test
    void metricActivitySurvivesSerialization() throws IOException {
        MetricActivity pending = new MetricActivity(1_765_000_000_000L, 1_765_600_000_000L);
        MetricActivity none = new MetricActivity(1_765_000_000_000L, MetricActivity.NO_TIMER);
        assertThat(roundTrip(MetricActivitySerializer.INSTANCE, pending)).isEqualTo(pending);
        assertThat(roundTrip(MetricActivitySerializer.INSTANCE, none).timerMillis())
                .isEqualTo(MetricActivity.NO_TIMER);
    }

    @Test
    void sampleSurvivesSerializationWithALineLongerThanWriteUtfAllows() throws IOException {
        Sample sample =
                new Sample(
                        "a.b", 1_587_617_182_500L, -0.125, "a.b " + "1".repeat(70_000), "m", 3, 9L);
        DataOutputSerializer out = new DataOutputSerializer(64);
        SampleSerializer.INSTANCE.serialize(sample, out);
        assertThat(
                        SampleSerializer.INSTANCE.deserialize(
                                new DataInputDeserializer(out.getCopyOfBuffer())))
                .isEqualTo(sample);
    }

    @Test
    void restoredSnapshotsAreCompatibleAsIsAndRestoreTheSameSerializer() throws IOException {
        for (TypeSerializer<?> serializer :
                new TypeSerializer<?>[] {
                    MetricStatusSerializer.INSTANCE,
                    JournalEntrySerializer.INSTANCE,
                    MetricActivitySerializer.INSTANCE,
                    SampleSerializer.INSTANCE
                }) {
            assertCompatibleAsIs(serializer);
        }
    }

    private static <T> void assertCompatibleAsIs(TypeSerializer<T> serializer) throws IOException {
        TypeSerializerSnapshot<T> restored = restoreSnapshot(serializer);
        assertThat(restored.restoreSerializer()).isSameAs(serializer);
        assertThat(
                        serializer
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(restored)
                                .isCompatibleAsIs())
                .isTrue();
    }

    @Test
    void aFormatThisReleaseDoesNotKnowFailsWithAClearMessage() {
        MetricStatusSerializer.Snapshot snapshot = new MetricStatusSerializer.Snapshot();
        snapshot.readSnapshot(2, null, null);
        assertThatThrownBy(snapshot::restoreSerializer)
                .hasMessageContaining("format 2")
                .hasMessageContaining("reads format 1");
    }

    @Test
    void statusAcceptsSamplesAndRestartsItsJournalAtASnapshot() {
        MetricStatus status = MetricStatus.NEW.accept(2_000L).accept(1_000L);
        assertThat(status).isEqualTo(new MetricStatus(2_000L, 2, 2, false));
        assertThat(status.isAfterLast(2_000L)).isFalse();
        assertThat(status.isAfterLast(2_001L)).isTrue();
        assertThat(status.snapshotted()).isEqualTo(new MetricStatus(2_000L, 2, 0, true));
    }
}
