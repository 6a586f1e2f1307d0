export {
  defineHandler,
  EventValidationError,
  EventBusUnavailableError,
  type AnyEventHandler,
  type EventBus,
  type EventMeta,
  type PublishRequest,
  type Subscription,
} from './port';
export { DLQ_HEADERS, dlqTopic } from './delivery';
export { CONSUMER_LAG_METRIC, type ConsumerLagOptions } from './consumer-lag';
export { createInMemoryEventBus } from './memory/memory-bus';
export { createKafkaEventBus } from './kafka/kafka-bus';
