// Campaigns (issue 13, item 3) in Chromium against a real `parley serve`: an identified visitor of the demo shop
// leaves, a campaign to "identified contacts" is sent, and it reaches the visitor on their next visit (and nobody
// else); then Settings > Campaigns in the dashboard: the list with statistics, the editor with the live count of
// the segment's contacts, desktop and phone, with axe-core. Screenshots in web/e2e/screenshots/campaign-*.png.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe';
import { newContext, shot as dashShot, signIn } from './dashboard-kit';
import { ADMIN } from './harness';
import {
  conversations, frame, gotoShop, messagesOf, newPage, openWidget, setup, shot, teardown, uid, waitUntil, type Env,
} from './widget-kit';

let env: Env;
const contexts: import('playwright-core').BrowserContext[] = [];
const BODY = 'Hi Grace, our winter sale starts today: 20% off every shoe.';

beforeAll(async () => { env = await setup(['--campaign-tick-ms', '200']); });
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await teardown(env);
});

async function campaign(id: number): Promise<any> {
  return (await env.api.call('GET', `/api/v1/campaigns/${id}`)).body.campaign;
}

describe('campaigns', () => {
  it('the dashboard shows an empty list first', async () => {
    const p = await (await newContext(env.browser, contexts)).newPage();
    await signIn(p, env.server, ADMIN, '#/settings/campaigns');
    await p.getByText('No campaigns yet').waitFor();
    await dashShot(p, 'campaign-list-empty');
    await expectNoAxeViolations(p, 'campaigns, empty');
  });

  it('reaches an identified visitor on their next visit, and nobody else', async () => {
    const secret: string = (await env.api.call('GET', '/api/v1/workspace')).body.workspace.hmac_secret;
    const userId = 'user-' + uid();
    const identify = { user_id: userId, user_hash: createHmac('sha256', secret).update(userId).digest('hex'), name: 'Grace Hopper' };

    // Grace visits the shop, is identified, and leaves.
    const grace = await newPage(env.browser);
    contexts.push(grace.context);
    await gotoShop(grace.page, env.server.url + '/');
    await grace.page.evaluate((id) => (window as any).Parley('identify', id), identify);
    await waitUntil(async () => {
      const r = await env.api.call('GET', `/api/v1/contacts?q=${userId}`);
      return r.body.contacts?.some((c: any) => c.external_id === userId);
    }, 10_000, 'Grace identified');
    await grace.page.close();
    // An anonymous visitor stays on the site the whole time.
    const anon = await newPage(env.browser);
    contexts.push(anon.context);
    await gotoShop(anon.page, env.server.url + '/');

    const identified = [{ field: 'identified', op: 'is', value: '' }];
    const count = await env.api.call('POST', '/api/v1/segments/count', { conditions: identified });
    expect(count.status).toBe(200);
    expect(count.body.count).toBe(1);
    const seg = await env.api.call('POST', '/api/v1/segments', { name: 'Identified customers', conditions: identified });
    expect(seg.status).toBe(201);
    const made = await env.api.call('POST', '/api/v1/campaigns', {
      name: 'Winter sale', segment_id: seg.body.segment.id, sender_agent_id: env.agent.id, body: BODY, send: 'now',
    });
    expect(made.status).toBe(201);
    const id = made.body.campaign.id;
    await waitUntil(async () => (await campaign(id)).state === 'sending', 5000, 'campaign started');
    await new Promise((r) => setTimeout(r, 600));  // three passes of the job while Grace is away
    expect((await campaign(id)).stats).toMatchObject({ targeted: 1, delivered: 0 });

    // Grace comes back (same browser): the message is in her chat.
    const back = await grace.context.newPage();
    await gotoShop(back, env.server.url + '/product.html');
    await waitUntil(async () => (await campaign(id)).stats.delivered === 1, 10_000, 'delivered on the next visit');
    await openWidget(back);
    await frame(back).locator('.bub', { hasText: 'winter sale' }).waitFor({ timeout: 10_000 });
    await shot(back, 'campaign-widget-next-visit');

    // Only Grace's conversation has it.
    let withIt = 0;
    for (const c of await conversations(env.api)) if ((await messagesOf(env.api, c.id)).some((m) => m.body === BODY)) withIt++;
    expect(withIt).toBe(1);
    expect(await frame(anon.page).locator('.bub', { hasText: 'winter sale' }).count()).toBe(0);
  });

  for (const phone of [false, true]) {
    it(`Settings > Campaigns: list and editor with the live count (${phone ? 'phone' : 'desktop'})`, async () => {
      const p = await (await newContext(env.browser, contexts, phone)).newPage();
      await signIn(p, env.server, ADMIN, '#/settings/campaigns');
      const row = p.locator('.campaign-row', { hasText: 'Winter sale' });
      await row.waitFor();
      expect((await row.innerText()).toLowerCase()).toContain('delivered');
      await dashShot(p, `campaign-list${phone ? '-phone' : ''}`);
      await expectNoAxeViolations(p, 'campaigns list');

      await p.getByRole('button', { name: 'New campaign' }).click();
      await p.getByLabel('Name (only agents see it)').fill('Spring preview');
      await p.locator('#campaign-segment').selectOption({ label: 'Identified customers' });
      await p.getByTestId('segment-count').getByText('1 contact matches now').waitFor();
      // Widen it: any of identified or German; the count follows as the admin edits.
      await p.getByRole('button', { name: 'Add a condition' }).click();
      await p.getByLabel('Country code').fill('DE');
      await p.getByText('any condition').click();
      await p.getByTestId('segment-count').getByText(/contacts? match/).waitFor();
      await p.getByLabel('Message', { exact: true }).fill('Spring is coming: have a look at the new collection.');
      await p.getByText('Later', { exact: true }).click();
      await dashShot(p, `campaign-editor${phone ? '-phone' : ''}`);
      await p.locator('.campaign-editor h3').scrollIntoViewIfNeeded();
      await dashShot(p, `campaign-editor-top${phone ? '-phone' : ''}`);
      await expectNoAxeViolations(p, 'campaign editor');
      await p.keyboard.press('Escape');
      await row.waitFor();
    });
  }
});
