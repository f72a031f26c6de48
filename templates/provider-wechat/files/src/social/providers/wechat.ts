import { z } from 'zod';
import { requiredText } from '../../config/fields.js';
import { parseInput } from '../../http/validate.js';
import type { Logger } from '../../logger.js';
import { endpoint } from '../config-fields.js';
import type { SocialConfig } from '../config.js';
import { providerMisconfigured, providerUnavailable, socialUnauthorized } from '../problems.js';
import type { SocialProvider } from '../profile.js';

/** WeChat's environment variables; the API address defaults to WeChat's. */
export const wechatEnv = {
  WECHAT_APP_ID: requiredText(),
  WECHAT_APP_SECRET: requiredText(),
  WECHAT_API_BASE_URL: endpoint('https://api.weixin.qq.com'),
};

/** WeChat settings out of the parsed environment. */
export function wechatSettings(env: z.output<z.ZodObject<typeof wechatEnv>>) {
  return {
    appId: env.WECHAT_APP_ID,
    appSecret: env.WECHAT_APP_SECRET,
    apiBaseUrl: env.WECHAT_API_BASE_URL,
  };
}

// An `openid` from the client is refused with the other unknown fields: only WeChat's own answer
// to the code exchange says who the user is.
const wechatBody = z.strictObject({
  code: z.string().trim().min(1).max(512),
  deviceName: z.string().trim().min(1).max(100).optional(),
});

/** WeChat's answer to the code exchange: tokens and ids, or an error code. */
const exchangeAnswer = z.object({
  errcode: z.number().optional(),
  errmsg: z.string().optional(),
  openid: z.string().min(1).optional(),
  unionid: z.string().min(1).optional(),
});

/** Error codes WeChat gives for a code that is wrong, expired or already used. */
const invalidCodeErrors = new Set([40029, 40163, 41008]);

/**
 * Error codes that mean "not now" rather than a refusal, with the seconds worth waiting: -1 is
 * WeChat busy, 45011 the API's per-minute quota used up.
 */
const retryLaterErrors = new Map([
  [-1, 5],
  [45011, 60],
]);

/** Issuers of WeChat identities: a unionid spans the developer's apps, an openid one app. */
export const wechatUnionIssuer = 'https://open.weixin.qq.com/unionid';
export function wechatOpenIdIssuer(appId: string): string {
  return `https://open.weixin.qq.com/openid/${appId}`;
}

/**
 * Sign in with WeChat: the app sends the `code` the WeChat SDK returned; the server exchanges it
 * with the app id and secret at `/sns/oauth2/access_token`. The user is keyed by `unionid` when
 * WeChat returns one, else by `openid`.
 */
export function createWechatProvider(config: SocialConfig, logger: Logger): SocialProvider {
  const wechat = config.wechat;
  const timeoutMs = config.keyFetch.timeoutSeconds * 1000;

  async function exchange(code: string): Promise<z.output<typeof exchangeAnswer>> {
    const url = new URL('/sns/oauth2/access_token', wechat.apiBaseUrl);
    url.searchParams.set('appid', wechat.appId);
    url.searchParams.set('secret', wechat.appSecret);
    url.searchParams.set('code', code);
    url.searchParams.set('grant_type', 'authorization_code');

    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      text = await response.text();
    } catch (error) {
      // The URL holds the app secret, so only the error's name is logged.
      logger.warn(
        { event: 'provider_unreachable', provider: 'wechat', error: (error as Error).name },
        'WeChat unreachable',
      );
      throw providerUnavailable('WeChat');
    }

    // WeChat gives every verdict on a request, refusals included, in a 200 body with an errcode.
    // Another status comes from a front end or proxy in trouble: whatever body it carries says
    // nothing about the user, and a retry may well work, so it is 503 rather than a refusal.
    if (!response.ok) {
      logger.warn(
        { event: 'provider_failed', provider: 'wechat', status: response.status },
        'WeChat answered the code exchange with an HTTP error',
      );
      throw providerUnavailable('WeChat');
    }

    // WeChat answers JSON, sometimes labelled text/plain, so the body is parsed whatever its type.
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw providerUnavailable('WeChat');
    }
    const answer = exchangeAnswer.safeParse(parsed);
    if (!answer.success) throw providerUnavailable('WeChat');
    return answer.data;
  }

  return {
    name: 'wechat',
    async authenticate(body) {
      const input = parseInput(wechatBody, body);
      const answer = await exchange(input.code);

      if (answer.errcode !== undefined && answer.errcode !== 0) {
        logger.warn(
          { event: 'provider_refused', provider: 'wechat', errcode: answer.errcode },
          'WeChat refused the code exchange',
        );
        if (invalidCodeErrors.has(answer.errcode))
          throw socialUnauthorized('provider_code_invalid');
        const retryAfterSeconds = retryLaterErrors.get(answer.errcode);
        if (retryAfterSeconds !== undefined) {
          throw providerUnavailable('WeChat', retryAfterSeconds);
        }
        throw providerMisconfigured('WeChat');
      }
      if (answer.openid === undefined) throw providerUnavailable('WeChat');

      return {
        profile: {
          provider: 'wechat',
          issuer:
            answer.unionid === undefined ? wechatOpenIdIssuer(wechat.appId) : wechatUnionIssuer,
          subject: answer.unionid ?? answer.openid,
          email: undefined,
          emailVerified: false,
          name: undefined,
        },
        deviceName: input.deviceName,
      };
    },
  };
}
