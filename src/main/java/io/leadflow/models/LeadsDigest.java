package io.leadflow.models;

/**
 * The contract with {@code processes/LeadsDigest.bpmn}: one instance per batch of leads whose
 * assignments are told in a digest (a bulk import), with the batch as its business key. Its one
 * asynchronous task sends the batch's digests: one message per rep and channel.
 */
public final class LeadsDigest {

  private LeadsDigest() {}

  public static final String PROCESS_KEY = "LeadsDigest";

  public static final String TASK_SEND_DIGESTS = "Task_SendDigests";

  /** The batch whose digests the instance sends, e.g. import:42. */
  public static final String BATCH = "digestBatch";
}
