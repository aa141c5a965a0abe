import { ConnectorError } from '../core/errors.js';

/**
 * Bad data, as Connect's `org.apache.kafka.connect.errors.DataException`: a record a converter
 * cannot (de)serialize or a transform cannot handle. Never retriable, so `errors.tolerance=all`
 * sends the record to the dead letter queue. `exceptionClass` is the Java class name Connect puts
 * in the `__connect.errors.exception.class.name` header.
 */
export class DataException extends ConnectorError {
  readonly exceptionClass: string;

  constructor(message: string, options: { cause?: unknown; exceptionClass?: string } = {}) {
    super(message, { cause: options.cause, retriable: false });
    this.exceptionClass = options.exceptionClass ?? 'org.apache.kafka.connect.errors.DataException';
  }
}
