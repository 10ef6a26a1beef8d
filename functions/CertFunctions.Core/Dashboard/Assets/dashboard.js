// CertFunctions dashboard: plain JavaScript over the app's HTTP API. No framework, no build step, no inline code
// (the Content-Security-Policy forbids it). Every request sends the function key in x-functions-key.
'use strict';

(() => {
  const KEY_STORAGE = 'certfunctions.key';
  const TRACKED_STORAGE = 'certfunctions.operations';
  const LIST_INTERVAL_MS = 15000;
  const OPERATION_INTERVAL_MS = 1000;
  const FINAL = new Set(['Completed', 'Failed', 'Terminated']);

  const $ = (id) => document.getElementById(id);
  const state = {
    certificates: [],
    sort: { key: 'namespace', ascending: true },
    operations: new Map(), // id -> { id, certificate, snapshot, steps[], startedAt }
  };

  // The key: from ?code= on the first load (then removed from the address bar), else this tab's sessionStorage.
  function takeKeyFromUrl() {
    const url = new URL(window.location.href);
    const code = url.searchParams.get('code');
    if (code) {
      sessionStorage.setItem(KEY_STORAGE, code);
      url.searchParams.delete('code');
      history.replaceState(null, '', url.pathname + url.search + url.hash);
    }
  }

  function key() {
    return sessionStorage.getItem(KEY_STORAGE);
  }

  class ApiProblem extends Error {
    constructor(status, problem) {
      super(problem.title || `HTTP ${status}`);
      this.status = status;
      this.problem = problem;
    }
  }

  async function api(method, path, body) {
    const headers = { accept: 'application/json, application/problem+json' };
    const k = key();
    if (k) {
      headers['x-functions-key'] = k;
    }
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
    } catch (e) {
      throw new ApiProblem(0, { title: 'The app cannot be reached', detail: String(e.message || e) });
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (response.status === 401) {
      showKeyPanel();
    }
    if (!response.ok) {
      const problem = json && json.title ? json : { title: statusTitle(response.status), detail: text.slice(0, 300) };
      throw new ApiProblem(response.status, problem);
    }
    return { status: response.status, body: json };
  }

  function statusTitle(status) {
    switch (status) {
      case 401: return 'Unauthorized: the key is missing or wrong';
      case 404: return 'Not found';
      case 503: return 'Service unavailable';
      default: return `Request failed (${status})`;
    }
  }

  // A problem in words: title and status, the detail, and one line per field error.
  function showError(error, context) {
    const box = $('error');
    box.replaceChildren();
    const title = document.createElement('h3');
    const problem = error instanceof ApiProblem ? error.problem : { title: String(error.message || error) };
    const status = error instanceof ApiProblem && error.status ? ` (${error.status})` : '';
    title.textContent = (context ? context + ': ' : '') + problem.title + status;
    box.append(title);
    if (problem.detail) {
      const detail = document.createElement('p');
      detail.textContent = problem.detail;
      box.append(detail);
    }
    if (problem.errors && typeof problem.errors === 'object') {
      const list = document.createElement('ul');
      for (const [field, messages] of Object.entries(problem.errors)) {
        for (const message of [].concat(messages)) {
          const item = document.createElement('li');
          item.textContent = `${field}: ${message}`;
          list.append(item);
        }
      }
      box.append(list);
    }
    box.hidden = false;
  }

  function clearError() {
    $('error').hidden = true;
    $('error').replaceChildren();
  }

  function setStatus(text) {
    $('status').textContent = text;
  }

  function showKeyPanel() {
    $('key-panel').hidden = false;
  }

  // --- Certificates -----------------------------------------------------------------------------------------

  // A certificate reference names its object in "ingress" (the property keeps its first name) with a kind beside it;
  // a request body names a Gateway in "gateway".
  const objectOf = (certificate) => certificate.gateway || certificate.kind === 'Gateway'
    ? { kind: 'Gateway', name: certificate.gateway || certificate.ingress || certificate.name || '' }
    : { kind: 'Ingress', name: certificate.ingress || certificate.name || '' };

  function row(item) {
    const c = item.certificate || {};
    const object = objectOf(c);
    return {
      item,
      cluster: c.cluster || '',
      namespace: c.namespace || '',
      kind: object.kind,
      name: object.name,
      hosts: (item.hosts || []).join(', '),
      secret: item.secretName || '',
      issuer: item.issuer || '',
      notAfter: item.notAfter || '',
      plannedRenewal: item.plannedRenewal || '',
      lastOutcome: item.lastOutcome || '',
      risk: item.expiryRisk || 'ok',
    };
  }

  function formatTime(iso) {
    if (!iso) {
      return '–';
    }
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  }

  function cell(label, content) {
    const td = document.createElement('td');
    td.dataset.label = label;
    if (content instanceof Node) {
      td.append(content);
    } else {
      td.textContent = content;
    }
    return td;
  }

  function span(className, text) {
    const s = document.createElement('span');
    s.className = className;
    s.textContent = text;
    return s;
  }

  function renderCertificates() {
    const filter = $('filter').value.trim().toLowerCase();
    const riskFilter = $('risk-filter').value;
    const rows = state.certificates.map(row).filter((r) => {
      if (riskFilter === 'at-risk' && r.risk === 'ok') {
        return false;
      }
      if (riskFilter === 'failed' && r.lastOutcome !== 'Failed') {
        return false;
      }
      if (!filter) {
        return true;
      }
      return [r.cluster, r.namespace, r.kind, r.name, r.hosts, r.secret, r.issuer, r.lastOutcome, r.item.lastError || '']
        .some((v) => v.toLowerCase().includes(filter));
    });
    const { key: sortKey, ascending } = state.sort;
    rows.sort((a, b) => (ascending ? 1 : -1) * (String(a[sortKey]).localeCompare(String(b[sortKey])) || a.name.localeCompare(b.name)));

    for (const th of document.querySelectorAll('#certificates th[data-sort]')) {
      th.setAttribute('aria-sort', th.dataset.sort === sortKey ? (ascending ? 'ascending' : 'descending') : 'none');
    }

    const body = document.querySelector('#certificates tbody');
    body.replaceChildren(...rows.map((r) => {
      const tr = document.createElement('tr');
      tr.dataset.namespace = r.namespace;
      tr.dataset.name = r.name;
      tr.append(cell('Cluster', r.cluster));
      tr.append(cell('Namespace', r.namespace));
      tr.append(cell('Kind and name', `${r.kind} ${r.name}`));
      tr.append(cell('Hosts', r.hosts));
      tr.append(cell('Secret', r.secret));
      tr.append(cell('Issuer', r.issuer || '–'));
      const riskText = r.risk === 'ok' ? '' : ` (${r.risk})`;
      tr.append(cell('Expires', span(`expiry risk-${r.risk}`, formatTime(r.notAfter) + riskText)));
      tr.append(cell('Planned renewal', formatTime(r.plannedRenewal)));
      const outcome = document.createElement('div');
      outcome.append(span(`outcome-${r.lastOutcome}`, r.lastOutcome || '–'));
      if (r.item.lastError) {
        outcome.append(span('last-error', r.item.lastError));
      }
      tr.append(cell('Last outcome', outcome));
      const renew = document.createElement('button');
      renew.type = 'button';
      renew.className = 'renew';
      renew.textContent = 'Renew';
      renew.setAttribute('aria-label', `Renew ${r.namespace}/${r.name}`);
      renew.addEventListener('click', () => renewCertificate(r.item.certificate, renew));
      tr.append(cell('Actions', renew));
      return tr;
    }));
    $('certificates-empty').hidden = rows.length > 0;
    renderFailures();
  }

  function renderFailures() {
    const failed = state.certificates
      .filter((c) => c.lastOutcome === 'Failed')
      .sort((a, b) => String(b.lastAttemptAt || '').localeCompare(String(a.lastAttemptAt || '')))
      .slice(0, 20);
    $('failures').replaceChildren(...failed.map((c) => {
      const li = document.createElement('li');
      li.className = 'failure';
      const object = objectOf(c.certificate || {});
      const head = document.createElement('strong');
      head.textContent = `${c.certificate.cluster}/${c.certificate.namespace} ${object.kind} ${object.name}`;
      const when = span('when', ` failed ${formatTime(c.lastAttemptAt)}${c.nextAttemptAfter ? `, next attempt after ${formatTime(c.nextAttemptAfter)}` : ''}`);
      const error = document.createElement('p');
      error.textContent = c.lastError || 'No reason recorded.';
      li.append(head, when, error);
      return li;
    }));
    $('failures-empty').hidden = failed.length > 0;
  }

  async function loadCertificates() {
    try {
      const { body } = await api('GET', 'api/certificates');
      state.certificates = (body && body.certificates) || [];
      $('key-panel').hidden = true;
      setStatus(`${state.certificates.length} managed certificate(s), updated ${new Date().toLocaleTimeString()}`);
      renderCertificates();
      discoverRunning();
      loadUndelivered();
    } catch (error) {
      setStatus('The certificate list could not be loaded.');
      showError(error, 'Listing certificates');
    }
  }

  // --- Undelivered notifications ----------------------------------------------------------------------------

  const undeliveredPath = 'api/notifications/undelivered';

  async function loadUndelivered() {
    try {
      const { body } = await api('GET', undeliveredPath);
      renderUndelivered((body && body.items) || [], (body && body.total) || 0);
    } catch (error) {
      showError(error, 'Listing undelivered notifications');
    }
  }

  function renderUndelivered(items, total) {
    $('undelivered').replaceChildren(...items.map((n) => {
      const li = document.createElement('li');
      li.className = 'failure';
      const head = document.createElement('strong');
      head.textContent = `${n.event} for ${n.certificate} to webhook ${n.webhook}`;
      const when = span('when', ` ${n.statusCode ? `answered ${n.statusCode}` : 'unreachable'}, gave up ${formatTime(n.failedAt)}`);
      const reason = document.createElement('p');
      reason.textContent = n.reason;
      const redeliver = document.createElement('button');
      redeliver.type = 'button';
      redeliver.textContent = 'Redeliver';
      redeliver.setAttribute('aria-label', `Redeliver ${n.event} for ${n.certificate} to ${n.webhook}`);
      redeliver.addEventListener('click', () => redeliverNotification(n, redeliver));
      li.append(head, when, reason, redeliver);
      return li;
    }));
    $('undelivered-empty').hidden = items.length > 0;
    $('redeliver-all').hidden = items.length === 0;
    // The API answers the oldest 100; the rest wait their turn (redelivering the listed ones brings them up).
    $('undelivered-more').hidden = total <= items.length;
    $('undelivered-more').textContent = `The ${items.length} oldest of ${total} are shown.`;
  }

  async function redeliverAll(button) {
    clearError();
    button.disabled = true;
    try {
      // One request sends the oldest 100; the list then shows what is left.
      const { body } = await api('POST', `${undeliveredPath}/redeliver`);
      setStatus(`Redelivering ${body.started} notification(s); ${body.remaining} left.`);
      await loadUndelivered();
    } catch (error) {
      showError(error, 'Redelivering all');
    } finally {
      button.disabled = false;
    }
  }

  async function redeliverNotification(notification, button) {
    clearError();
    button.disabled = true;
    try {
      await api('POST', `${undeliveredPath}/${encodeURIComponent(notification.id)}/redeliver`);
      setStatus(`Redelivering ${notification.event} for ${notification.certificate} to ${notification.webhook}.`);
      await loadUndelivered();
    } catch (error) {
      showError(error, `Redelivering to ${notification.webhook}`);
      button.disabled = false;
    }
  }

  // --- Operations -------------------------------------------------------------------------------------------

  const operationPath = (id) => 'api/certificates/operations/' + encodeURIComponent(id);
  const idFromUrl = (url) => decodeURIComponent(String(url).split('/').pop());

  function track(id, certificate) {
    if (!state.operations.has(id) || FINAL.has(state.operations.get(id).snapshot?.status)) {
      state.operations.set(id, { id, certificate, snapshot: null, steps: [], startedAt: Date.now() });
    }
    saveTracked();
    renderOperations();
  }

  function saveTracked() {
    const running = [...state.operations.values()].filter((o) => !FINAL.has(o.snapshot?.status)).map((o) => o.id);
    sessionStorage.setItem(TRACKED_STORAGE, JSON.stringify(running));
  }

  // The API lists no running operations; each certificate's operation id is the one its next run uses, so ask each.
  async function discoverRunning() {
    const ids = state.certificates.map((c) => c.operation).filter(Boolean).map(idFromUrl).filter((id) => !state.operations.has(id));
    const queue = ids.slice();
    const worker = async () => {
      while (queue.length > 0) {
        const id = queue.shift();
        try {
          const { body } = await api('GET', operationPath(id));
          if (body && !FINAL.has(body.status)) {
            track(id, body.certificate);
          }
        } catch {
          // An operation that no longer exists is simply not running.
        }
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
  }

  async function pollOperations() {
    const active = [...state.operations.values()].filter((o) => !FINAL.has(o.snapshot?.status));
    await Promise.all(active.map(async (operation) => {
      try {
        const { body } = await api('GET', operationPath(operation.id));
        const before = operation.snapshot?.status;
        operation.snapshot = body;
        operation.certificate = body.certificate || operation.certificate;
        const step = body.status === 'Running' || body.status === 'Pending' ? (body.progress?.step || body.status) : body.status;
        if (operation.steps[operation.steps.length - 1] !== step) {
          operation.steps.push(step);
        }
        if (FINAL.has(body.status) && before !== body.status) {
          saveTracked();
          loadCertificates();
        }
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 404) {
          state.operations.delete(operation.id);
          saveTracked();
        }
      }
    }));
    renderOperations();
  }

  function describe(certificate) {
    if (!certificate) {
      return '';
    }
    const object = objectOf(certificate);
    return `${certificate.cluster}/${certificate.namespace} ${object.kind} ${object.name}`;
  }

  function renderOperations() {
    const operations = [...state.operations.values()].sort((a, b) => b.startedAt - a.startedAt).slice(0, 10);
    $('operations').replaceChildren(...operations.map((operation) => {
      const snapshot = operation.snapshot || {};
      const status = snapshot.status || 'Pending';
      const li = document.createElement('li');
      li.className = `operation state-${status}`;
      li.dataset.id = operation.id;
      const head = document.createElement('div');
      head.className = 'operation-head';
      const title = document.createElement('strong');
      title.textContent = describe(operation.certificate) || operation.id;
      const stateText = span('state', FINAL.has(status) ? status : `${status}: ${snapshot.progress?.step || '…'}`);
      const elapsed = span('muted elapsed', `${Math.round((Date.now() - operation.startedAt) / 1000)} s`);
      head.append(title, stateText, elapsed);
      li.append(head);
      if (snapshot.progress?.detail && !FINAL.has(status)) {
        const detail = document.createElement('p');
        detail.className = 'muted detail';
        detail.textContent = snapshot.progress.detail;
        li.append(detail);
      }
      const steps = document.createElement('ol');
      steps.className = 'steps';
      steps.setAttribute('aria-label', 'Steps');
      for (const step of operation.steps) {
        const item = document.createElement('li');
        item.textContent = step;
        steps.append(item);
      }
      li.append(steps);
      const failure = snapshot.failure || (status === 'Failed' ? snapshot.progress?.lastError : null);
      if (failure) {
        const p = document.createElement('p');
        p.className = 'last-error';
        p.textContent = failure;
        li.append(p);
      }
      if (!FINAL.has(status)) {
        const cancel = document.createElement('button');
        cancel.type = 'button';
        cancel.className = 'secondary cancel';
        cancel.textContent = 'Cancel';
        cancel.setAttribute('aria-label', `Cancel ${describe(operation.certificate) || operation.id}`);
        cancel.addEventListener('click', () => cancelOperation(operation.id, cancel));
        li.append(cancel);
      }
      return li;
    }));
    $('operations-empty').hidden = operations.length > 0;
  }

  async function started(response) {
    const body = response.body || {};
    if (body.id) {
      track(body.id, body.certificate);
      pollOperations();
    }
  }

  async function renewCertificate(certificate, button) {
    clearError();
    button.disabled = true;
    try {
      const object = objectOf(certificate);
      // A Gateway's renewal renews every Secret its listeners name, in one run.
      const segments = object.kind === 'Gateway'
        ? ['api', 'certificates', certificate.cluster, certificate.namespace, 'gateways', object.name, 'renew']
        : ['api', 'certificates', certificate.cluster, certificate.namespace, object.name, 'renew'];
      await started(await api('POST', segments.map(encodeURIComponent).join('/')));
    } catch (error) {
      showError(error, `Renewing ${certificate.namespace}/${objectOf(certificate).name}`);
    } finally {
      button.disabled = false;
    }
  }

  async function cancelOperation(id, button) {
    clearError();
    button.disabled = true;
    try {
      const response = await api('DELETE', operationPath(id));
      if (response.body && response.body.status) {
        const operation = state.operations.get(id);
        if (operation) {
          operation.snapshot = response.body;
          operation.steps.push(response.body.status);
        }
      }
      await pollOperations();
    } catch (error) {
      showError(error, 'Cancelling');
    } finally {
      button.disabled = false;
    }
  }

  async function requestCertificate(event) {
    event.preventDefault();
    clearError();
    const form = event.target;
    const data = new FormData(form);
    const body = { namespace: String(data.get('namespace') || '').trim() };
    body[data.get('kind') === 'gateway' ? 'gateway' : 'ingress'] = String(data.get('name') || '').trim();
    const cluster = String(data.get('cluster') || '').trim();
    if (cluster) {
      body.cluster = cluster;
    }
    const submit = form.querySelector('button[type=submit]');
    submit.disabled = true;
    try {
      await started(await api('POST', 'api/certificates', body));
    } catch (error) {
      showError(error, `Requesting ${body.namespace}/${body.ingress || body.gateway}`);
    } finally {
      submit.disabled = false;
    }
  }

  // --- Wiring -----------------------------------------------------------------------------------------------

  function init() {
    takeKeyFromUrl();
    $('forget-key').hidden = !key();
    $('refresh').addEventListener('click', () => {
      clearError();
      loadCertificates();
    });
    $('forget-key').addEventListener('click', () => {
      sessionStorage.removeItem(KEY_STORAGE);
      $('forget-key').hidden = true;
      showKeyPanel();
    });
    $('key-form').addEventListener('submit', (event) => {
      event.preventDefault();
      sessionStorage.setItem(KEY_STORAGE, $('key-input').value.trim());
      $('key-input').value = '';
      $('forget-key').hidden = false;
      clearError();
      loadCertificates();
    });
    $('request-form').addEventListener('submit', requestCertificate);
    $('redeliver-all').addEventListener('click', (event) => redeliverAll(event.currentTarget));
    $('filter').addEventListener('input', renderCertificates);
    $('risk-filter').addEventListener('change', renderCertificates);
    for (const th of document.querySelectorAll('#certificates th[data-sort]')) {
      th.querySelector('button').addEventListener('click', () => {
        const sortKey = th.dataset.sort;
        state.sort = { key: sortKey, ascending: state.sort.key === sortKey ? !state.sort.ascending : true };
        renderCertificates();
      });
    }
    for (const id of JSON.parse(sessionStorage.getItem(TRACKED_STORAGE) || '[]')) {
      track(id, null);
    }

    loadCertificates();
    pollOperations();
    setInterval(loadCertificates, LIST_INTERVAL_MS);
    setInterval(pollOperations, OPERATION_INTERVAL_MS);
  }

  init();
})();
