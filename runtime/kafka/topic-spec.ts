/**
 * The desired state of one Kafka topic, as a stack file declares it and `applyTopics` enforces it.
 * Plain, immutable data: no positions, no defaults filled in, so it can come from a YAML file, a
 * scenario or a test alike.
 */
export interface TopicSpec {
  /** Topic name; valid by Kafka's rules (`[a-zA-Z0-9._-]`, at most 249 characters, not `.` or `..`). */
  readonly name: string;
  /** Number of partitions, a positive integer. An existing topic with fewer partitions is grown. */
  readonly partitions: number;
  /**
   * Replicas per partition. When omitted the cluster default applies: min(3, broker count).
   * Cannot be changed on an existing topic (that needs a partition reassignment).
   */
  readonly replicationFactor?: number;
  /**
   * Topic-level config overrides, keys spelt as Kafka spells them (`retention.ms`,
   * `cleanup.policy`), values as strings exactly as Kafka would print them.
   */
  readonly config: Readonly<Record<string, string>>;
}
