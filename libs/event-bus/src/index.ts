export {
  defineHandler,
  PoisonMessageError,
  EventValidationError,
  EventBusUnavailableError,
  type AnyEventHandler,
  type EventBus,
  type EventHandler,
  type EventHeaders,
  type EventMeta,
  type PublishRequest,
  type SubscribeOptions,
  type Subscription,
} from './port';
export { DLQ_HEADERS, dlqTopic } from './delivery';
export { createInMemoryEventBus, type InMemoryEventBusOptions } from './memory/memory-bus';
export { createKafkaEventBus, type KafkaEventBusOptions } from './kafka/kafka-bus';
