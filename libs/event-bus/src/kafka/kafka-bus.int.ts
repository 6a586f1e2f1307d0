import { Kafka, logLevel } from 'kafkajs';
import { describeEventBusContract } from '../testing/contract';
import { requireInfraEnv } from '../testing/wait-for';
import { createKafkaEventBus } from './kafka-bus';

const { kafkaBrokers } = requireInfraEnv();

describeEventBusContract(
  'kafka',
  async (opts) =>
    createKafkaEventBus({ ...opts, brokers: kafkaBrokers, clientId: 'event-bus-contract', partitions: 1 }),
  async (topics) => {
    const admin = new Kafka({ brokers: kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.deleteTopics({ topics }).finally(() => admin.disconnect());
  },
);
