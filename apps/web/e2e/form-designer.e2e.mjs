// The form designer: an administrator creates an app through the API, opens the new-form designer, drags
// three fields from the palette (text, a select whose two options are renamed in the panel, a number),
// reorders one by dragging, makes one required, adds a linkage rule (服务方式 远程支持 hides 上门费用) and
// saves. On the records page a new record shows the rule acting. Back in the designer, removing the number
// field asks first, counting the records that hold a value in it.
// A second run sets, in the designer of a work-order form, a fixed default (紧急), a relation filter (only
// 启用 sites) and a stage gate (已完成 needs 处理结果), and sees each act: the new record starts 紧急, the
// site picker offers only the enabled sites, the kanban refuses the gated move and counts its lanes, and
// a site's related-records tab makes a work order already linked to the site.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { api, apiLogin, canvasField, dragFromPalette, login, pick, withBrowser, ADMIN_PASSWORD, DESKTOP, PHONE } from './support.mjs';

// scripts/e2e.mjs starts the platform with ADMIN_PASSWORD=Admin@e2e1.

const canvasOrder = (page) => page.locator('[data-testid="canvas-container"][data-container="root"] [data-testid="canvas-field"]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-field-key')));

export const tests = {
  'an administrator designs a form by drag and drop, its rule acts on the records page, a removal is counted first': async (ctx) => {
    fs.mkdirSync(ctx.artifacts, { recursive: true });
    const appKey = `fdlab_${String(Date.now()).slice(-6)}`;
    const token = await apiLogin(ctx.baseUrl, 'admin', ADMIN_PASSWORD);
    const app = await api(ctx.baseUrl, token, 'POST', '/api/apps', { key: appKey, name: { 'zh-CN': '表单设计实验', 'en-US': 'Form design lab' } });
    assert.equal(app.status, 201, JSON.stringify(app.body));

    await withBrowser(ctx, async (open) => {
      const page = await open(DESKTOP);
      await login(page, ctx.baseUrl, 'admin', ADMIN_PASSWORD, appKey);
      await page.goto(`${ctx.baseUrl}/apps/${appKey}`);
      // The app shell offers a new form to administrators.
      await page.getByTestId('nav-new-form').click();
      await page.getByTestId('form-designer').waitFor();
      await page.getByTestId('form-designer-palette').waitFor();
      // Every type the server lists is in the palette, grouped.
      const types = await api(ctx.baseUrl, token, 'GET', '/api/field-types');
      for (const entry of types.body) await page.getByTestId(`palette-${entry.type}`).waitFor({ state: 'attached' });

      await page.getByTestId('form-name-zh').fill('设备报修');
      await page.getByTestId('form-key').fill('repair');

      // Three fields dragged from the palette.
      await dragFromPalette(page, 'text', 'text_1', '设备名称');
      await dragFromPalette(page, 'select', 'select_1', '服务方式');
      const choices = page.getByTestId('choice-label');
      assert.equal(await choices.count(), 2, 'a new select has two options');
      await choices.nth(0).fill('现场维修');
      await choices.nth(1).fill('远程支持');
      await dragFromPalette(page, 'number', 'number_1', '上门费用');
      assert.deepEqual(await canvasOrder(page), ['text_1', 'select_1', 'number_1']);
      await canvasField(page, 'select_1').filter({ hasText: '服务方式' }).waitFor();

      // Reordered by dragging: the number goes above the select (onto the select's upper half).
      await canvasField(page, 'number_1').dragTo(canvasField(page, 'select_1'), { targetPosition: { x: 40, y: 6 } });
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="canvas-container"][data-container="root"] [data-testid="canvas-field"]')].map((node) => node.getAttribute('data-field-key')).join() === 'text_1,number_1,select_1');

      // One field required, from its panel.
      await canvasField(page, 'text_1').click();
      await page.getByTestId('prop-required').click();
      await canvasField(page, 'text_1').locator('.ant-form-item-required').waitFor();

      // Undo and redo (the buttons and the keys) step through the edits.
      await page.getByTestId('designer-undo').click();
      assert.equal(await canvasField(page, 'text_1').locator('.ant-form-item-required').count(), 0, 'undo takes the required mark back');
      await page.locator('[data-testid="form-designer-canvas"]').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+Shift+Z');
      await canvasField(page, 'text_1').locator('.ant-form-item-required').waitFor();

      // A linkage rule: 服务方式 is 远程支持 → hide 上门费用.
      await page.getByTestId('designer-mode-rules').click();
      await page.getByTestId('rule-add').click();
      await page.getByTestId('condition-add').click();
      const row = page.getByTestId('condition-row').first();
      await pick(page, row.getByTestId('condition-field'), '服务方式');
      await pick(page, row.getByTestId('condition-value').locator('.ant-select').first(), '远程支持');
      await pick(page, page.getByTestId('rule-action-fields'), '上门费用');
      await page.screenshot({ path: path.join(ctx.artifacts, 'form-designer-rules-1440.png') });
      await page.getByTestId('designer-mode-fields').click();
      await page.screenshot({ path: path.join(ctx.artifacts, 'form-designer-new-1440.png') });

      // Saved as version 1: the designer moves to the form's own address.
      await page.getByTestId('designer-save').click();
      await page.waitForURL(`**/apps/${appKey}/forms/repair/design`);
      // The designer of the stored form (its key no longer editable), at version 1.
      await page.locator('[data-testid="form-key"]:disabled').waitFor();
      await page.getByTestId('form-designer-version').filter({ hasText: 'v1' }).waitFor();
      const saved = await api(ctx.baseUrl, token, 'GET', `/api/apps/${appKey}/forms/repair`);
      assert.equal(saved.status, 200);
      assert.deepEqual(saved.body.fields.map((field) => [field.key, field.type, field.label, field.required ?? false]), [
        ['text_1', 'text', '设备名称', true], ['number_1', 'number', '上门费用', false], ['select_1', 'select', '服务方式', false],
      ]);
      assert.deepEqual(saved.body.fields[2].options.options, [{ key: 'option_1', label: '现场维修' }, { key: 'option_2', label: '远程支持' }]);
      assert.deepEqual(saved.body.rules, [{ key: 'rule_1', when: { and: [{ in: [{ var: 'select_1' }, ['option_2']] }] }, then: [{ action: 'hide', fields: ['number_1'] }] }]);

      // The preview is the record form itself, with the rule running live.
      await page.getByTestId('designer-preview').click();
      const preview = page.getByTestId('form-designer-preview');
      await preview.getByTestId('field-number_1').waitFor();
      await preview.getByTestId('field-select_1').locator('.ant-select').first().click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^远程支持$/ }).click();
      await preview.getByTestId('field-number_1').waitFor({ state: 'detached' });
      await page.getByTestId('designer-preview').click();
      await page.getByTestId('form-designer-canvas').waitFor();

      // The records page: a new record, where choosing 远程支持 makes 上门费用 disappear.
      await page.getByTestId('form-designer-back').click();
      await page.getByTestId('record-new').click();
      await page.getByTestId('record-drawer').waitFor();
      await page.getByTestId('field-number_1').waitFor();
      await page.getByTestId('field-text_1').locator('input').fill('打印机');
      await page.getByTestId('field-select_1').locator('.ant-select').first().click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^远程支持$/ }).click();
      await page.getByTestId('field-number_1').waitFor({ state: 'detached' });
      await page.getByTestId('record-save').click();
      await page.getByTestId('record-drawer').waitFor({ state: 'hidden' });
      await page.getByTestId('records-total').filter({ hasText: '1' }).waitFor();
      // Another record, with a fee, through the API.
      const second = await api(ctx.baseUrl, token, 'POST', `/api/apps/${appKey}/forms/repair/records`, { data: { text_1: '空调', select_1: 'option_1', number_1: 200 } });
      assert.equal(second.status, 201, JSON.stringify(second.body));

      // Removing the number field: the confirmation counts the one record holding a fee.
      await page.reload();
      await page.getByTestId('records-design').click();
      await page.getByTestId('form-designer').waitFor();
      await canvasField(page, 'number_1').click();
      await page.getByTestId('field-remove').click();
      assert.equal(await canvasField(page, 'number_1').count(), 0);
      await page.getByTestId('designer-save').click();
      const item = page.locator('[data-testid="destructive-item"][data-field-key="number_1"]');
      await item.waitFor();
      await item.locator('[data-testid="destructive-count"][data-count="1"]').waitFor();
      assert.match(await item.textContent(), /上门费用.*将被删除.*1 条记录有值/);
      await page.screenshot({ path: path.join(ctx.artifacts, 'form-designer-remove-confirm-1440.png') });
      await page.getByTestId('destructive-ok').click();
      await page.getByTestId('form-designer-version').filter({ hasText: 'v2' }).waitFor();
      const after = await api(ctx.baseUrl, token, 'GET', `/api/apps/${appKey}/forms/repair`);
      assert.deepEqual(after.body.fields.map((field) => field.key), ['text_1', 'select_1']);
      assert.deepEqual(after.body.rules, [], 'the rule lost its only action with the field, and went empty');

      // The phone-width preview of the canvas.
      await page.getByTestId('designer-device-phone').click();
      await page.getByTestId('canvas-sheet').and(page.locator('.is-phone')).waitFor();
      await page.screenshot({ path: path.join(ctx.artifacts, 'form-designer-phone-preview-1440.png') });

      // On a phone itself: the panes stack.
      const phone = await open(PHONE);
      await login(phone, ctx.baseUrl, 'admin', ADMIN_PASSWORD, appKey);
      await phone.goto(`${ctx.baseUrl}/apps/${appKey}/forms/repair/design`);
      await phone.getByTestId('form-designer-canvas').waitFor();
      await canvasField(phone, 'select_1').click();
      await phone.getByTestId('field-panel').waitFor();
      await phone.screenshot({ path: path.join(ctx.artifacts, 'form-designer-375.png'), fullPage: true });
    });
  },

  'a default, a relation filter and a stage gate set in the designer act on records, the kanban and the related tab': async (ctx) => {
    fs.mkdirSync(ctx.artifacts, { recursive: true });
    const appKey = `fdgate_${String(Date.now()).slice(-6)}`;
    const token = await apiLogin(ctx.baseUrl, 'admin', ADMIN_PASSWORD);
    const call = async (method, url, body, status) => {
      const response = await api(ctx.baseUrl, token, method, url, body);
      assert.equal(response.status, status, `${method} ${url}: ${JSON.stringify(response.body)}`);
      return response.body;
    };
    await call('POST', '/api/apps', { key: appKey, name: '工单实验' }, 201);
    const options = (pairs) => ({ options: pairs.map(([key, label]) => ({ key, label })) });
    await call('POST', `/api/apps/${appKey}/forms`, {
      key: 'site', name: '站点', settings: { titleField: 'site_name' },
      fields: [{ key: 'site_name', type: 'text', label: '站点名称' }, { key: 'status', type: 'select', label: '状态', options: options([['on', '启用'], ['off', '停用']]) }],
    }, 201);
    const sites = {};
    for (const [name, status] of [['东区站点', 'on'], ['西区站点', 'off'], ['北区站点', 'on']]) {
      sites[name] = (await call('POST', `/api/apps/${appKey}/forms/site/records`, { data: { site_name: name, status } }, 201)).id;
    }
    await call('POST', `/api/apps/${appKey}/forms`, {
      key: 'ticket', name: '工单', settings: { titleField: 'title' },
      fields: [
        { key: 'title', type: 'text', label: '标题' },
        { key: 'priority', type: 'select', label: '优先级', options: options([['low', '普通'], ['high', '紧急']]) },
        { key: 'stage', type: 'select', label: '阶段', options: options([['new', '新建'], ['done', '已完成']]) },
        { key: 'resolution', type: 'textarea', label: '处理结果' },
        { key: 'site', type: 'relation', label: '站点', options: { targetForm: 'site' } },
      ],
    }, 201);
    const board = await call('POST', `/api/apps/${appKey}/forms/ticket/views`, { name: '工单看板', type: 'kanban', groupField: 'stage', personal: false }, 201);
    const tickets = async () => (await call('POST', `/api/apps/${appKey}/forms/ticket/records/query`, { limit: 50 }, 200)).items;

    await withBrowser(ctx, async (open) => {
      const page = await open(DESKTOP);
      await login(page, ctx.baseUrl, 'admin', ADMIN_PASSWORD, appKey);
      await page.goto(`${ctx.baseUrl}/apps/${appKey}/forms/ticket/design`);
      await page.getByTestId('form-designer-canvas').waitFor();

      // 优先级 defaults to 紧急, picked with the select's own choices.
      await canvasField(page, 'priority').click();
      await page.getByTestId('default-mode-fixed').click();
      await pick(page, page.getByTestId('default-fixed').locator('.ant-select').first(), '紧急');

      // 站点 offers only enabled sites: the linkage rules' condition builder over the site form's fields.
      await canvasField(page, 'site').click();
      const filter = page.getByTestId('relation-filter');
      await filter.getByTestId('condition-add').click();
      const row = filter.getByTestId('condition-row').first();
      await pick(page, row.getByTestId('condition-field'), '状态');
      await pick(page, row.getByTestId('condition-value').locator('.ant-select').first(), '启用');
      await page.screenshot({ path: path.join(ctx.artifacts, 'form-designer-relation-filter-1440.png') });

      // 已完成 requires 处理结果: the form settings' stage gates.
      await page.getByTestId('form-designer-canvas').click({ position: { x: 5, y: 5 } });
      await pick(page, page.getByTestId('stage-gate-field'), '阶段');
      await pick(page, page.getByTestId('stage-gate-done'), '处理结果');
      await page.keyboard.press('Escape');
      await page.screenshot({ path: path.join(ctx.artifacts, 'form-designer-stage-gates-1440.png') });
      await page.getByTestId('designer-save').click();
      await page.getByTestId('form-designer-version').filter({ hasText: 'v2' }).waitFor();
      const form = await call('GET', `/api/apps/${appKey}/forms/ticket`, undefined, 200);
      const fieldOptions = (key) => form.fields.find((field) => field.key === key).options;
      assert.equal(fieldOptions('priority').default, 'high');
      assert.deepEqual(fieldOptions('site').filter, { and: [{ in: [{ var: 'status' }, ['on']] }] });
      assert.deepEqual(form.settings.stageGates, { field: 'stage', requirements: { done: ['resolution'] } });

      // A new work order starts 紧急, and its site picker offers the two enabled sites only.
      await page.goto(`${ctx.baseUrl}/apps/${appKey}/forms/ticket/records/new`);
      await page.getByTestId('field-priority').filter({ hasText: '紧急' }).waitFor();
      await page.getByTestId('field-title').locator('input').fill('空调不制冷');
      await page.getByTestId('relation-site').click();
      const offered = page.locator('.ant-select-dropdown:visible .relation-option__title');
      await offered.first().waitFor();
      assert.deepEqual((await offered.allTextContents()).sort(), ['东区站点', '北区站点'].sort());
      await offered.filter({ hasText: /^东区站点$/ }).click();
      await pick(page, page.getByTestId('field-stage').locator('.ant-select').first(), '新建');
      await page.getByTestId('record-save').click();
      await page.getByTestId('record-drawer').waitFor({ state: 'hidden' });
      const [ticket] = await tickets();
      assert.deepEqual([ticket.data.priority, ticket.data.site, ticket.data.stage], ['high', sites['东区站点'], 'new']);

      // The kanban: lanes count their records; the move to 已完成 without 处理结果 is refused.
      await page.goto(`${ctx.baseUrl}/apps/${appKey}/forms/ticket?view=${board.key}`);
      const lane = (key) => page.getByTestId(`kanban-lane-${key}`);
      const card = page.locator(`[data-testid="kanban-card"][data-record-id="${ticket.id}"]`);
      await lane('new').locator(`[data-record-id="${ticket.id}"]`).waitFor();
      await lane('new').getByTestId('kanban-lane-count').filter({ hasText: /^1$/ }).waitFor();
      await lane('done').getByTestId('kanban-lane-count').filter({ hasText: /^0$/ }).waitFor();
      await card.dragTo(lane('done'));
      const refusal = page.locator('.kanban-refusal');
      await refusal.waitFor();
      assert.match((await refusal.textContent()) ?? '', /处理结果/);
      await lane('new').locator(`[data-record-id="${ticket.id}"]`).waitFor();
      assert.equal((await tickets())[0].data.stage, 'new', 'the refused move wrote nothing');
      await page.screenshot({ path: path.join(ctx.artifacts, 'form-designer-gate-refused-1440.png') });

      // A site's related tab makes a work order already linked to that site (its title shown).
      await page.goto(`${ctx.baseUrl}/apps/${appKey}/forms/site/records/${sites['北区站点']}`);
      await page.getByTestId('record-tab-related').click();
      await page.locator('[data-testid="related-group"][data-form="ticket"]').getByTestId('related-new').click();
      await page.waitForURL(`**/apps/${appKey}/forms/ticket/records/new?relation=site&record=${sites['北区站点']}`);
      await page.getByTestId('field-site').filter({ hasText: '北区站点' }).waitFor();
      await page.getByTestId('field-priority').filter({ hasText: '紧急' }).waitFor();
      await page.getByTestId('field-title').locator('input').fill('门禁故障');
      await page.getByTestId('record-save').click();
      await page.getByTestId('record-drawer').waitFor({ state: 'hidden' });
      const linked = (await tickets()).find((item) => item.data.title === '门禁故障');
      assert.equal(linked?.data.site, sites['北区站点']);
    });
  },
};
