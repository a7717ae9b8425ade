package io.cutover.capture;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Announces the capture's start and stop inside a transaction, so the audit trail (which
 * listens after commit) hears of them.
 */
@Component
class CaptureEvents {

    private final ApplicationEventPublisher events;

    private final TransactionTemplate inTransaction;

    CaptureEvents(ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.events = events;
        this.inTransaction = new TransactionTemplate(transactions);
    }

    void publish(Object event) {
        inTransaction.executeWithoutResult(status -> events.publishEvent(event));
    }

}
