package io.leadflow.pool;

import org.camunda.bpm.engine.TaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Completes a pool task once its claim has committed, in a transaction of its own and as the user
 * of the claim (Tasklist's request is still running): the claim in Tasklist is one action, and the
 * claimant finds the lead's follow-up in 我的线索 when Tasklist answers. The pool task cannot be
 * completed inside its own assignment, which Camunda is still writing. Should the completion fail,
 * the claimed task stays with the rep, whose submit of its form completes it.
 */
@Component
class PoolTaskCompletion {

  private static final Logger log = LoggerFactory.getLogger(PoolTaskCompletion.class);

  private final TaskService tasks;
  private final TransactionTemplate ownTransaction;

  PoolTaskCompletion(TaskService tasks, PlatformTransactionManager transactions) {
    this.tasks = tasks;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  void completeAfterCommit(String taskId) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return; // no transaction to wait for: the claimant completes the task themselves
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        try {
          ownTransaction.executeWithoutResult(status -> {
            // A claim through the API completes the task itself, in the claim's transaction.
            if (tasks.createTaskQuery().taskId(taskId).count() > 0) {
              tasks.complete(taskId);
            }
          });
        } catch (RuntimeException e) {
          log.warn("Claimed pool task {} not completed; its assignee completes it: {}", taskId,
              e.toString());
        }
      }
    });
  }
}
