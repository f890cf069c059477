/** Grant type identifiers the service knows (FACTS.md "Grant types seen"). */
const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
/** One model example spells it with a hyphen; accepted as the same grant. */
const DEVICE_CODE_GRANT_HYPHEN = "urn:ietf:params:oauth:grant-type:device-code";
const AUTHORIZATION_CODE_GRANT = "authorization_code";
const REFRESH_TOKEN_GRANT = "refresh_token";
const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";

/** What RegisterClient accepts; the JWT and token-exchange grants belong to IAM applications. */
const REGISTRABLE_GRANT_TYPES = [DEVICE_CODE_GRANT, AUTHORIZATION_CODE_GRANT, REFRESH_TOKEN_GRANT];

/** A registration without `grantTypes` is the AWS CLI's device-code registration. */
const DEFAULT_GRANT_TYPES = [DEVICE_CODE_GRANT, REFRESH_TOKEN_GRANT];

function normalizeGrantType(grantType: string): string {
  return grantType === DEVICE_CODE_GRANT_HYPHEN ? DEVICE_CODE_GRANT : grantType;
}

export {
  DEVICE_CODE_GRANT,
  AUTHORIZATION_CODE_GRANT,
  REFRESH_TOKEN_GRANT,
  JWT_BEARER_GRANT,
  TOKEN_EXCHANGE_GRANT,
  REGISTRABLE_GRANT_TYPES,
  DEFAULT_GRANT_TYPES,
  normalizeGrantType,
};
