import { type Server, createServer } from 'node:http';
import { listenOnLoopback } from './loopback-server.js';

/** The app id and secret the WeChat stand-in expects. */
export const wechatTestApp = { appId: 'wx-test-app', appSecret: 'wechat-test-secret' };

/** A local stand-in for WeChat's `/sns/oauth2/access_token` endpoint. */
export interface WechatStandIn {
  baseUrl: string;
  /**
   * What WeChat answers for `code`, with HTTP status 200 unless `status` says otherwise; a code
   * never given an answer gets errcode 40029.
   */
  answer(code: string, body: Record<string, unknown>, status?: number): void;
  /** Makes the exchange of `code` hang, as an unreachable WeChat would. */
  hang(code: string): void;
  /** The query strings of every exchange so far. */
  exchanges: URLSearchParams[];
  close(): Promise<void>;
}

/** Starts the stand-in on 127.0.0.1. Like WeChat, it answers JSON labelled text/plain. */
export async function startWechat(): Promise<WechatStandIn> {
  const answers = new Map<string, { body: Record<string, unknown>; status: number }>();
  const hanging = new Set<string>();
  const exchanges: URLSearchParams[] = [];

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'GET' || url.pathname !== '/sns/oauth2/access_token') {
      response.statusCode = 404;
      response.end();
      return;
    }
    exchanges.push(url.searchParams);
    const code = url.searchParams.get('code') ?? '';
    if (hanging.has(code)) return;

    const wrongApp =
      url.searchParams.get('appid') !== wechatTestApp.appId ||
      url.searchParams.get('secret') !== wechatTestApp.appSecret ||
      url.searchParams.get('grant_type') !== 'authorization_code';
    const { body, status } = wrongApp
      ? { body: { errcode: 40125, errmsg: 'invalid appsecret' }, status: 200 }
      : (answers.get(code) ?? { body: { errcode: 40029, errmsg: 'invalid code' }, status: 200 });
    // A code is good for one exchange, as at WeChat.
    answers.delete(code);
    response.statusCode = status;
    response.setHeader('Content-Type', 'text/plain');
    response.end(JSON.stringify(body));
  });
  const baseUrl = await listenOnLoopback(server);

  return {
    baseUrl,
    answer: (code, body, status = 200) => answers.set(code, { body, status }),
    hang: (code) => hanging.add(code),
    exchanges,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
