// A visitor-registration app built from nothing, in the browser, as an office administrator would: on a
// platform whose database holds only the administrator, create the app from the app list, design three
// forms by dragging fields from the palette (被访人, 访客登记 with a relation, a linkage rule and a status,
// 访客证 kept as a draft), arrange the menu in the app builder by dragging (a group with an icon), and
// publish. A receptionist, given a role while the app was still a draft, sees nothing until the publish;
// then, on a phone, finds the app and the rule acting. The administrator saves a kanban of visits by status
// and drags a card to the next stage; two changes left waiting are then discarded at once ("放弃全部修改").
// Screenshots at 1440 and 375 px go to test-artifacts/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { api, apiLogin, canvasField, dragFromPalette, login, noSideways, pick, withBrowser, ADMIN_PASSWORD, DESKTOP, PHONE } from './support.mjs';

export const emptyDatabase = true;

const APP = 'visitors';

async function newForm(page, name, key) {
  await page.getByTestId('nav-new-form').click();
  await page.waitForURL('**/forms/new/design');
  await page.locator('[data-testid="form-key"]:not([disabled])').waitFor();
  await page.getByTestId('form-designer-palette').waitFor();
  await page.getByTestId('form-name-zh').fill(name);
  await page.getByTestId('form-key').fill(key);
}

export const tests = {
  'an administrator builds a visitor-registration app from scratch, publishes it, and a receptionist uses it on a phone': async (ctx) => {
    fs.mkdirSync(ctx.artifacts, { recursive: true });
    const token = await apiLogin(ctx.baseUrl, 'admin', ADMIN_PASSWORD);
    const call = async (method, url, body, status) => {
      const response = await api(ctx.baseUrl, token, method, url, body);
      if (status !== undefined) assert.equal(response.status, status, `${method} ${url}: ${JSON.stringify(response.body)}`);
      return response.body;
    };
    assert.deepEqual((await call('GET', '/api/apps', undefined, 200)).items, [], 'the database holds no app');

    await withBrowser(ctx, async (open) => {
      const page = await open(DESKTOP);
      try {
        await build(page);
      } catch (e) {
        await page.screenshot({ path: path.join(ctx.artifacts, 'app-builder-failure-1440.png') }).catch(() => {});
        throw e;
      }
    });
    async function build(page) {
      await login(page, ctx.baseUrl, 'admin', ADMIN_PASSWORD, null);

      // An empty platform offers the first app.
      await page.getByTestId('new-app').click();
      await page.getByTestId('create-app-name').fill('Visitors');
      assert.equal(await page.getByTestId('create-app-key').inputValue(), 'visitors', 'the key is suggested from the name');
      await page.getByTestId('create-app-name').fill('访客登记');
      await page.getByTestId('create-app-key').fill(APP);
      await page.getByTestId('create-app-icon').click();
      await page.getByTestId('create-app-icon-option-🛎️').click();
      await page.screenshot({ path: path.join(ctx.artifacts, 'app-builder-create-1440.png') });
      await page.getByTestId('create-app-ok').click();
      await page.waitForURL(`**/apps/${APP}/builder`);
      await page.getByTestId('app-builder-status').filter({ hasText: '未发布' }).waitFor();
      await page.getByTestId('app-draft-banner').waitFor();

      // Form 1, 被访人: two fields dragged in, published from the designer.
      await newForm(page, '被访人', 'host');
      await dragFromPalette(page, 'text', 'text_1', '姓名');
      await page.getByTestId('prop-required').click();
      await dragFromPalette(page, 'phone', 'phone_1', '分机');
      await page.getByTestId('designer-save').click();
      await page.waitForURL(`**/apps/${APP}/forms/host/design`);
      await page.getByTestId('form-designer-version').filter({ hasText: 'v1' }).waitFor();

      // Form 2, 访客登记: name, reason (a select), companions (a number), the host (a relation) and a status.
      await newForm(page, '访客登记', 'visit');
      await dragFromPalette(page, 'text', 'text_1', '访客姓名');
      await page.getByTestId('prop-required').click();
      await dragFromPalette(page, 'select', 'select_1', '来访事由');
      await page.getByTestId('choice-label').nth(0).fill('拜访');
      await page.getByTestId('choice-label').nth(1).fill('送货');
      await dragFromPalette(page, 'number', 'number_1', '随行人数');
      await dragFromPalette(page, 'relation', 'relation_1', '被访人');
      await pick(page, page.getByTestId('option-targetForm'), '被访人 (host)');
      await dragFromPalette(page, 'select', 'select_2', '状态');
      await page.getByTestId('choice-label').nth(0).fill('待到访');
      await page.getByTestId('choice-label').nth(1).fill('已到访');
      await page.getByTestId('choice-add').click();
      await page.getByTestId('choice-label').nth(2).fill('已离开');
      // Reordered by dragging: the status goes first.
      await canvasField(page, 'select_2').dragTo(canvasField(page, 'text_1'), { targetPosition: { x: 40, y: 6 } });
      await page.waitForFunction(() => document.querySelector('[data-testid="canvas-container"][data-container="root"] [data-testid="canvas-field"]')?.getAttribute('data-field-key') === 'select_2');
      // The linkage rule: 来访事由 is 送货 → hide 随行人数.
      await page.getByTestId('designer-mode-rules').click();
      await page.getByTestId('rule-add').click();
      await page.getByTestId('condition-add').click();
      const row = page.getByTestId('condition-row').first();
      await pick(page, row.getByTestId('condition-field'), '来访事由');
      await pick(page, row.getByTestId('condition-value').locator('.ant-select').first(), '送货');
      await pick(page, page.getByTestId('rule-action-fields'), '随行人数');
      await page.getByTestId('designer-mode-fields').click();
      await page.screenshot({ path: path.join(ctx.artifacts, 'app-builder-designer-1440.png') });
      await page.getByTestId('designer-save').click();
      await page.waitForURL(`**/apps/${APP}/forms/visit/design`);
      await page.getByTestId('form-designer-version').filter({ hasText: 'v1' }).waitFor();

      // Form 3, 访客证: kept as a draft; it has no table and nobody sees it yet.
      await newForm(page, '访客证', 'badge');
      await dragFromPalette(page, 'text', 'text_1', '证件编号');
      await dragFromPalette(page, 'date', 'date_1', '有效期至');
      await page.getByTestId('designer-save-draft').click();
      await page.getByTestId('form-designer-draft').waitFor();
      assert.equal((await call('GET', `/api/apps/${APP}/forms/badge`)).code, 'NOT_FOUND');
      assert.equal((await call('GET', `/api/apps/${APP}/forms/badge/draft`, undefined, 200)).definition.fields.length, 2);

      // A receptionist gets a role on the published forms while the app is still a draft: nothing shows.
      const role = await call('POST', '/api/roles', { name: '前台' }, 201);
      await call('PUT', `/api/roles/${role.id}/grants`, [
        { appKey: APP, formKey: 'visit', actions: ['read', 'create', 'update'], scope: { type: 'all' } },
        { appKey: APP, formKey: 'host', actions: ['read'], scope: { type: 'all' } },
      ], 200);
      await call('POST', '/api/users', { username: 'reception', name: '前台小王', password: 'Recept@2026', departmentIds: [], roleIds: [role.id] }, 201);
      const receptionToken = await apiLogin(ctx.baseUrl, 'reception', 'Recept@2026');
      assert.deepEqual((await api(ctx.baseUrl, receptionToken, 'GET', '/api/apps')).body.items, [], 'a draft app is invisible to users');

      // The app builder: a group 前台 with an icon holding 访客登记 and 访客证 (dragged in), 被访人 after it.
      await page.getByTestId('nav-builder').click();
      await page.getByTestId('app-builder').waitFor();
      await page.getByTestId('builder-form-draft-badge').waitFor();
      await page.getByTestId('nav-unplaced-badge').waitFor();
      await page.getByTestId('nav-add-group').click();
      await page.getByTestId('nav-group-name-2').fill('前台');
      await page.getByTestId('nav-icon-group-2').click();
      await page.getByTestId('nav-icon-group-2-option-🛎️').click();
      // Drag the group to the top, then 访客登记 and 访客证 into it.
      await page.getByTestId('nav-item-group-2').locator('.nav-editor__handle').dragTo(page.getByTestId('nav-item-form-host'), { targetPosition: { x: 60, y: 5 } });
      await page.getByTestId('nav-item-group-0').waitFor();
      await page.getByTestId('nav-item-form-visit').locator('.nav-editor__handle').dragTo(page.getByTestId('nav-drop-group-0'));
      await page.getByTestId('nav-unplaced-badge').dragTo(page.getByTestId('nav-drop-group-0'));
      const menu = async () => page.getByTestId('nav-editor').evaluate((tree) => [...tree.querySelectorAll('[role="treeitem"]')].map((node) => `${node.getAttribute('aria-level')}:${node.getAttribute('aria-label')}`));
      assert.deepEqual(await menu(), ['1:前台', '2:访客登记', '2:访客证', '1:被访人']);
      await page.screenshot({ path: path.join(ctx.artifacts, 'app-builder-navigation-1440.png') });
      await page.getByTestId('builder-save').click();
      await page.getByTestId('builder-save').and(page.locator(':disabled')).waitFor();

      // Publish: the draft form gets its table, the menu and icon go live, the app becomes visible.
      await page.getByTestId('builder-publish').click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await page.getByTestId('app-builder-status').filter({ hasText: '已发布' }).waitFor();
      await page.getByTestId('app-draft-banner').waitFor({ state: 'detached' });
      const live = await call('GET', `/api/apps/${APP}`, undefined, 200);
      assert.deepEqual(live.navigation, [
        { type: 'group', label: { 'zh-CN': '前台' }, icon: '🛎️', children: [{ type: 'form', formKey: 'visit' }, { type: 'form', formKey: 'badge' }] },
        { type: 'form', formKey: 'host' },
      ]);
      assert.equal((await call('GET', `/api/apps/${APP}/forms/badge`, undefined, 200)).version, 1);
      assert.deepEqual((await api(ctx.baseUrl, receptionToken, 'GET', '/api/apps')).body.items.map((app) => app.key), [APP]);
      // The menu in the app shell: the group with its icon.
      await page.waitForFunction(() => [...document.querySelectorAll('.app-shell__sider .ant-menu-submenu-title')].some((node) => node.textContent.includes('🛎️') && node.textContent.includes('前台')));

      // A host, then a visit through the form: choosing 送货 hides 随行人数.
      await call('POST', `/api/apps/${APP}/forms/host/records`, { data: { text_1: '李经理', phone_1: '13800138000' } }, 201);
      // The group has just opened in the menu: a click during its animation may land on nothing, so it is
      // repeated until the list opens.
      for (let attempt = 0; ; attempt++) {
        await page.getByTestId('nav-form-visit').click();
        const opened = await page.waitForURL(`**/apps/${APP}/forms/visit`, { timeout: 5000 }).then(() => true, () => false);
        if (opened) break;
        if (attempt === 2) throw new Error('the menu entry 访客登记 did not open its list');
      }
      await page.getByTestId('record-new').click();
      await page.getByTestId('record-drawer').waitFor();
      await page.getByTestId('field-text_1').locator('input').fill('张三');
      await page.getByTestId('field-number_1').waitFor();
      await page.getByTestId('field-select_1').locator('.ant-select').first().click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^送货$/ }).click();
      await page.getByTestId('field-number_1').waitFor({ state: 'detached' });
      await page.getByTestId('field-select_2').locator('.ant-select').first().click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^待到访$/ }).click();
      await page.getByTestId('record-save').click();
      await page.getByTestId('record-drawer').waitFor({ state: 'hidden' });
      await page.getByTestId('records-total').filter({ hasText: '1' }).waitFor();
      const [visit] = (await call('POST', `/api/apps/${APP}/forms/visit/records/query`, {}, 200)).items;
      assert.deepEqual([visit.data.text_1, visit.data.select_1, visit.data.select_2, visit.data.number_1], ['张三', 'option_2', 'option_1', null]);

      // A kanban of visits by status; the card dragged from 待到访 to 已到访.
      await page.getByTestId('view-menu').click();
      await page.getByTestId('view-save-as').click();
      await page.getByTestId('view-name-input').fill('到访看板');
      await page.getByTestId('view-type-kanban').click();
      await pick(page, page.locator('.ant-modal [data-testid="view-group-field"]'), '状态');
      await page.getByTestId('view-modal-ok').click();
      await page.getByTestId('kanban').waitFor();
      const card = page.locator(`[data-testid="kanban-card"][data-record-id="${visit.id}"]`);
      await card.dragTo(page.getByTestId('kanban-lane-option_2'));
      await page.getByTestId('kanban-lane-option_2').locator(`[data-testid="kanban-card"][data-record-id="${visit.id}"]`).waitFor();
      for (let i = 0; i < 50; i++) {
        if ((await call('GET', `/api/apps/${APP}/forms/visit/records/${visit.id}`)).data?.select_2 === 'option_2') break;
        await page.waitForTimeout(100);
      }
      assert.equal((await call('GET', `/api/apps/${APP}/forms/visit/records/${visit.id}`, undefined, 200)).data.select_2, 'option_2');
      await page.screenshot({ path: path.join(ctx.artifacts, 'app-builder-kanban-1440.png') });

      // Two changes waiting (the builder's icon and a field added to 被访人), then 放弃全部修改: the
      // confirmation counts them, both go, and the published form stays as it was.
      const { access: _access, ...hostForm } = await call('GET', `/api/apps/${APP}/forms/host`, undefined, 200);
      await call('PUT', `/api/apps/${APP}/forms/host/draft`, { ...hostForm, fields: [...hostForm.fields, { key: 'text_9', type: 'text', label: '楼层' }] }, 200);
      await call('PUT', `/api/apps/${APP}/draft`, { icon: '🏢' }, 200);
      await page.getByTestId('nav-builder').click();
      await page.getByTestId('builder-form-draft-host').waitFor();
      await page.getByTestId('builder-discard-all').click();
      await page.locator('.ant-popconfirm:visible').filter({ hasText: '放弃全部 2 项未发布的修改（含 1 个表单草稿）' }).waitFor();
      await page.getByTestId('builder-discard-all-ok').click();
      await page.getByTestId('builder-form-draft-host').waitFor({ state: 'detached' });
      await page.getByTestId('builder-discard-all').waitFor({ state: 'detached' });
      const left = await call('GET', `/api/apps/${APP}/draft`, undefined, 200);
      assert.deepEqual([left.app, left.forms], [null, []], 'nothing waits after 放弃全部修改');
      const { access: _after, ...hostAfter } = await call('GET', `/api/apps/${APP}/forms/host`, undefined, 200);
      assert.deepEqual(hostAfter, hostForm, 'the published 被访人 is unchanged');
    }
    await withBrowser(ctx, async (open) => {
      // The receptionist, on a phone: the app, the menu, a new visit with the rule acting.
      const phone = await open(PHONE);
      await login(phone, ctx.baseUrl, 'reception', 'Recept@2026', null);
      await phone.getByTestId(`app-card-${APP}`).click();
      // The app opens on the first form of its menu; the menu, from its button, lists what the role shows.
      await phone.waitForURL(`**/apps/${APP}/forms/visit`);
      await phone.getByTestId('nav-open').click();
      await phone.locator('.app-shell__drawer [data-testid="nav-form-host"]').waitFor();
      assert.equal(await phone.locator('.app-shell__drawer [data-testid="nav-form-badge"]').count(), 0, 'forms the role does not grant stay out of the menu');
      await phone.screenshot({ path: path.join(ctx.artifacts, 'app-builder-phone-menu-375.png') });
      await phone.locator('.app-shell__drawer [data-testid="nav-form-visit"]').click();
      await phone.locator('.app-shell__drawer').waitFor({ state: 'hidden' });
      await phone.getByTestId('record-new').click();
      await phone.getByTestId('record-drawer').waitFor();
      await phone.getByTestId('field-text_1').locator('input').fill('王五');
      await phone.getByTestId('field-select_1').locator('.ant-select').first().click();
      await phone.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^送货$/ }).click();
      await phone.getByTestId('field-number_1').waitFor({ state: 'detached' });
      assert.ok(await noSideways(phone), 'no horizontal scrolling at 375 px (form)');
      await phone.screenshot({ path: path.join(ctx.artifacts, 'app-builder-phone-form-375.png') });
      await phone.getByTestId('record-save').click();
      await phone.getByTestId('record-drawer').waitFor({ state: 'hidden' });
      await phone.getByTestId('records-total').filter({ hasText: '2' }).waitFor();
      assert.ok(await noSideways(phone), 'no horizontal scrolling at 375 px (list)');
      await phone.screenshot({ path: path.join(ctx.artifacts, 'app-builder-phone-list-375.png') });
      // The receptionist has no builder.
      assert.equal(await phone.getByTestId('nav-builder').count(), 0);
    });
  },
};
