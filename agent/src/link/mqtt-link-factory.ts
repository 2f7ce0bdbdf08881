import type { AgentLinkFactory } from '../link-contract.js';
import { HubLink } from './hub-link.js';

/** The production hub link: MQTT to the broker named by `--mqtt-url`. */
export const mqttLinkFactory: AgentLinkFactory = ({ config, db, logger, agentVersion }) => {
  if (config.mqttUrl === null) throw new Error('mqttLinkFactory needs config.mqttUrl');

  return new HubLink({
    storeId: config.storeId,
    url: config.mqttUrl,
    username: config.mqttUsername,
    password: config.mqttPassword,
    db,
    logger,
    agentVersion,
  });
};
