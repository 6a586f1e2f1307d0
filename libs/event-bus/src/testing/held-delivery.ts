import type { AnyEventHandler, EventBus } from '../port';

/**
 * A bus whose subscriptions' handlers are held until release(), for tests of what a consumer
 * does before it has caught up: each handler call waits, then runs the real handler. Release
 * before closing the subscriptions: closing waits for the message in flight.
 */
export function holdDelivery(bus: EventBus) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let waiting = 0;
  const passed = async () => {
    waiting++;
    await released;
    waiting--;
  };
  const hold = (handler: AnyEventHandler): AnyEventHandler =>
    'handleBatch' in handler
      ? { ...handler, handleBatch: async (events) => (await passed(), handler.handleBatch(events)) }
      : { ...handler, handle: async (value, meta) => (await passed(), handler.handle(value, meta)) };
  const held: EventBus = {
    ...bus,
    subscribe: (options) => bus.subscribe({ ...options, handlers: options.handlers.map(hold) }),
  };
  return {
    bus: held,
    /** Handler calls waiting for release(). */
    waiting: () => waiting,
    release: () => release(),
  };
}
