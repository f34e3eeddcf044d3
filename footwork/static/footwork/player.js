/*
 * Footwork session player.
 *
 * Progressive enhancement of the server-rendered <form id="player">: without this script the form is a plain,
 * fully visible form. With it, the form becomes a one-exercise-at-a-time player with hold timers, rest timers and
 * a metronome. Plain ES2020, no dependencies, no network requests, no audio files (sounds are synthesised).
 *
 * DOM contract (rendered by the server):
 *   form#player[data-timer-cap]           "" or an integer N: every timer runs at most N seconds
 *   p.player-progress                     filled with "Exercise 2 of 4: <title>" / "Finish"
 *   section.step[data-step-title]         one per exercise, then section.step.step-finish
 *   fieldset.set[data-set][data-side]     one per set and side
 *     [data-field="hold_seconds"|...]     inputs
 *     div.hold-timer[data-seconds]        countdown for a hold
 *     div.metronome[data-bpm]             optional metronome
 *     button.set-done
 *   div.rest-timer[data-seconds]          one per step, shown after "Set done"
 */
(() => {
  'use strict';

  const reducedMotion = window.matchMedia
    ? window.matchMedia('(prefers-reduced-motion: reduce)')
    : { matches: false };
  const now = () => performance.now();
  const clamp = (n, lo, hi) => Math.min(hi, Math.max(lo, n));

  const el = (tag, props = {}, children = []) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) node.append(child);
    return node;
  };

  const button = (cls, text, extra = {}) => el('button', { type: 'button', class: cls, text, ...extra });

  // "15 s" under a minute, "1:30" from a minute on.
  const formatSeconds = (s) => {
    s = Math.max(0, Math.round(s));
    if (s < 60) return `${s} s`;
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  };

  const vibrate = () => {
    try {
      navigator.vibrate?.([200, 100, 200]);
    } catch (_) {
      /* not supported or not allowed */
    }
  };

  const ignore = (promise) => {
    if (promise && typeof promise.catch === 'function') promise.catch(() => {});
  };

  // ---------------------------------------------------------------------------------------------------------------
  // Sound: one AudioContext, created lazily on the first user gesture (autoplay rules).
  const Sound = (() => {
    const Ctor = window.AudioContext || window.webkitAudioContext;
    let ctx = null;

    const unlock = () => {
      if (!Ctor) return null;
      try {
        if (!ctx) ctx = new Ctor();
        if (ctx.state !== 'running') ignore(ctx.resume());
      } catch (_) {
        ctx = null;
      }
      return ctx;
    };

    // A short enveloped tone, so there is no click at start or end. Returns its gain node (disconnect to cancel).
    const tone = (freq, at, duration, peak) => {
      if (!ctx) return null;
      try {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = 'sine';
        osc.frequency.setValueAtTime(freq, at);
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(peak, at + Math.min(0.01, duration / 4));
        gain.gain.setValueAtTime(peak, at + duration * 0.6);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + duration);
        osc.connect(gain);
        gain.connect(ctx.destination);
        osc.start(at);
        osc.stop(at + duration + 0.02);
        return gain;
      } catch (_) {
        return null; // audio is a nicety
      }
    };

    return {
      unlock,
      get ctx() {
        return ctx;
      },
      beep() {
        if (!ctx) return;
        if (ctx.state !== 'running') ignore(ctx.resume());
        tone(880, ctx.currentTime + 0.02, 0.3, 0.35);
      },
      click(at) {
        return tone(1200, at, 0.04, 0.5);
      },
    };
  })();

  // ---------------------------------------------------------------------------------------------------------------
  // Screen wake lock: requested on the first interaction, re-requested when the page becomes visible again.
  const Wake = (() => {
    let sentinel = null;
    let wanted = false;
    let pending = false;

    const request = () => {
      if (!wanted || pending || !('wakeLock' in navigator)) return;
      if (document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
      pending = true;
      let promise;
      try {
        promise = navigator.wakeLock.request('screen');
      } catch (_) {
        pending = false;
        return;
      }
      Promise.resolve(promise)
        .then((lock) => {
          sentinel = lock;
          lock.addEventListener?.('release', () => {
            if (sentinel === lock) sentinel = null;
          });
        })
        .catch(() => {})
        .finally(() => {
          pending = false;
        });
    };

    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') request();
    });

    return {
      want() {
        wanted = true;
        request();
      },
      release() {
        wanted = false;
        if (sentinel) ignore(sentinel.release());
        sentinel = null;
      },
    };
  })();

  // ---------------------------------------------------------------------------------------------------------------
  // Countdown measured from timestamps, so it stays right in background tabs where timers are throttled.
  const runningCountdowns = new Set();

  class Countdown {
    constructor(ms, onTick, onEnd) {
      this.ms = Math.max(0, ms);
      this.onTick = onTick;
      this.onEnd = onEnd;
      this.before = 0; // ms elapsed before the current run
      this.startedAt = 0;
      this.running = false;
      this.handle = 0;
      this.loop = this.loop.bind(this);
    }

    elapsed() {
      const extra = this.running ? now() - this.startedAt : 0;
      return Math.min(this.ms, this.before + extra);
    }

    remaining() {
      return this.ms - this.elapsed();
    }

    fraction() {
      return this.ms ? this.elapsed() / this.ms : 1;
    }

    start() {
      if (this.running) return;
      if (this.before >= this.ms) this.before = 0;
      this.startedAt = now();
      this.running = true;
      runningCountdowns.add(this);
      this.loop();
    }

    pause() {
      if (!this.running) return;
      this.before = this.elapsed();
      this.halt();
      this.onTick();
    }

    reset() {
      this.halt();
      this.before = 0;
      this.onTick();
    }

    halt() {
      this.running = false;
      clearTimeout(this.handle);
      runningCountdowns.delete(this);
    }

    loop() {
      clearTimeout(this.handle);
      if (!this.running) return;
      const left = this.remaining();
      if (left <= 0) {
        this.before = this.ms;
        this.halt();
        this.onTick();
        this.onEnd();
        return;
      }
      this.onTick();
      this.handle = setTimeout(this.loop, Math.min(200, left));
    }
  }

  // Catch up at once when the tab comes back (throttled timeouts may be late).
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') for (const c of [...runningCountdowns]) c.loop();
  });

  // ---------------------------------------------------------------------------------------------------------------
  const setText = (node, text) => {
    if (node.textContent !== text) node.textContent = text;
  };

  const buildTimerFace = (root, label) => {
    const display = el('div', { class: 'timer-display', role: 'timer', 'aria-live': 'off' });
    const bar = el('div', { class: 'timer-bar', 'aria-hidden': 'true' }, [el('span')]);
    root.append(el('span', { class: 'timer-label', text: label }), display, bar);
    return display;
  };

  class HoldTimer {
    constructor(player, root) {
      this.player = player;
      this.root = root;
      this.fieldset = root.closest('fieldset');
      this.input = this.fieldset?.querySelector('[data-field="hold_seconds"]') || null;
      this.seconds = player.capSeconds(parseInt(root.dataset.seconds, 10));
      this.started = false;
      this.finished = false;

      root.classList.add('timer');
      this.display = buildTimerFace(root, 'Hold');
      this.toggleButton = button('timer-toggle', 'Start');
      this.resetButton = button('timer-reset', 'Reset');
      root.append(el('div', { class: 'timer-controls' }, [this.toggleButton, this.resetButton]));

      this.countdown = new Countdown(this.seconds * 1000, () => this.render(), () => this.end());
      this.toggleButton.addEventListener('click', () => this.toggle());
      this.resetButton.addEventListener('click', () => this.reset());
      this.render();
    }

    get running() {
      return this.countdown.running;
    }

    heldSeconds() {
      return Math.round(this.countdown.elapsed() / 1000);
    }

    toggle() {
      if (this.running) this.pause();
      else this.start();
    }

    start() {
      if (this.finished) this.reset();
      this.player.onHoldStart(this);
      this.started = true;
      this.countdown.start();
      if (this.finished) return; // a zero-length timer ends inside start()
      this.root.classList.add('running');
      setText(this.toggleButton, 'Pause');
    }

    pause() {
      this.countdown.pause();
      this.root.classList.remove('running');
      if (!this.finished) setText(this.toggleButton, 'Resume');
    }

    reset() {
      this.started = false;
      this.finished = false;
      this.root.classList.remove('running', 'done');
      this.countdown.reset();
      setText(this.toggleButton, 'Start');
    }

    end() {
      this.finished = true;
      this.root.classList.remove('running');
      this.root.classList.add('done');
      setText(this.toggleButton, 'Start');
      this.write(this.seconds);
      this.render();
      Sound.beep();
      vibrate();
      this.player.announce(`Done! ${this.seconds} s held`);
    }

    // "Set done" pressed: keep what was held so far.
    stopAndRecord() {
      if (!this.started || this.finished) return;
      const held = this.heldSeconds();
      if (this.running) this.pause();
      if (held > 0) this.write(held);
    }

    write(seconds) {
      const input = this.input;
      if (!input) return;
      input.value = String(seconds);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }

    render() {
      const text = this.finished
        ? `Done! ${this.seconds} s held`
        : formatSeconds(Math.ceil(this.countdown.remaining() / 1000));
      setText(this.display, text);
      this.root.style.setProperty('--progress', this.countdown.fraction().toFixed(3));
    }

    destroy() {
      this.countdown.halt();
    }
  }

  class RestTimer {
    constructor(player, root) {
      this.player = player;
      this.root = root;
      this.seconds = player.capSeconds(parseInt(root.dataset.seconds, 10));
      this.focusAfter = null;

      root.classList.add('timer');
      root.hidden = true;
      this.display = buildTimerFace(root, 'Rest');
      this.skipButton = button('rest-skip', 'Skip rest');
      root.append(this.skipButton);

      this.countdown = new Countdown(this.seconds * 1000, () => this.render(), () => this.end());
      this.skipButton.addEventListener('click', () => this.stop());
      this.render();
    }

    get running() {
      return this.countdown.running;
    }

    start(focusAfter) {
      this.focusAfter = focusAfter || null;
      if (!(this.seconds > 0)) return;
      this.countdown.reset();
      this.root.hidden = false;
      this.root.classList.add('running');
      this.countdown.start();
    }

    end() {
      Sound.beep();
      vibrate();
      this.player.announce('Rest over');
      this.stop();
    }

    stop() {
      const hadFocus = this.root.contains(document.activeElement);
      this.countdown.reset();
      this.root.classList.remove('running');
      this.root.hidden = true;
      if (hadFocus) {
        const target = this.focusAfter && !this.focusAfter.closest('[hidden]') ? this.focusAfter : null;
        this.player.focusNode(target || this.player.headingOf(this.root.closest('.step')));
      }
    }

    render() {
      setText(this.display, formatSeconds(Math.ceil(this.countdown.remaining() / 1000)));
      this.root.style.setProperty('--progress', this.countdown.fraction().toFixed(3));
    }

    destroy() {
      this.countdown.halt();
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Metronome: clicks scheduled ahead on the AudioContext clock (25 ms lookahead loop), plus a visual pulse.
  let activeMetronome = null;
  const LOOKAHEAD_MS = 25;
  const SCHEDULE_AHEAD_S = 0.1;
  const SCHEDULE_AHEAD_HIDDEN_S = 1.5; // background tabs run timers about once a second
  const PULSE_MS = 120;

  class Metronome {
    constructor(player, root) {
      this.player = player;
      this.root = root;
      const initial = parseInt(root.dataset.bpm, 10);
      this.bpm = clamp(Number.isFinite(initial) ? initial : 60, 30, 200);
      this.playing = false;
      this.loopHandle = 0;
      this.nextBeat = 0;
      this.pulseTimers = new Set();
      this.clicks = []; // [time, gain] of clicks already handed to the audio clock

      this.toggleButton = button('metronome-toggle', 'Metronome', { 'aria-pressed': 'false' });
      this.light = el('span', { class: 'metronome-light', 'aria-hidden': 'true' });
      this.toggleButton.prepend(this.light);
      // No name attribute: the tempo is a tool setting and is not submitted.
      this.bpmInput = el('input', {
        type: 'number',
        class: 'metronome-bpm',
        min: '30',
        max: '200',
        step: '1',
        inputmode: 'numeric',
        value: String(this.bpm),
      });
      root.append(
        this.toggleButton,
        el('label', { class: 'metronome-label' }, [el('span', { text: 'Beats per minute' }), this.bpmInput]),
      );

      this.toggleButton.addEventListener('click', () => (this.playing ? this.stop() : this.start()));
      this.bpmInput.addEventListener('input', () => this.readBpm());
      this.bpmInput.addEventListener('change', () => {
        this.readBpm();
        this.bpmInput.value = String(this.bpm);
      });
    }

    readBpm() {
      const value = parseInt(this.bpmInput.value, 10);
      if (Number.isFinite(value)) this.bpm = clamp(value, 30, 200);
    }

    start() {
      if (this.playing) return;
      if (activeMetronome && activeMetronome !== this) activeMetronome.stop();
      activeMetronome = this;
      this.playing = true;
      this.root.classList.add('playing');
      this.toggleButton.setAttribute('aria-pressed', 'true');
      Sound.unlock();
      this.mode = '';
      this.nextWall = now() + 50;
      this.lastCtxTime = -1;
      this.lastCtxWall = 0;
      this.schedule();
      this.loopHandle = setInterval(() => this.schedule(), LOOKAHEAD_MS);
    }

    // Beats come from the AudioContext clock while it runs; if there is no audio, or its clock is suspended or
    // stalled (no output device, iOS interruption), a wall clock keeps the visual beat going.
    schedule() {
      if (!this.playing) return;
      const wall = now();
      const ctx = Sound.ctx;
      let audio = false;
      if (ctx && ctx.state === 'running') {
        if (ctx.currentTime !== this.lastCtxTime) {
          this.lastCtxTime = ctx.currentTime;
          this.lastCtxWall = wall;
        }
        audio = wall - this.lastCtxWall < 200;
      }
      const period = 60 / this.bpm;
      const ahead = document.hidden ? SCHEDULE_AHEAD_HIDDEN_S : SCHEDULE_AHEAD_S;
      if (audio) {
        const t = ctx.currentTime;
        if (this.mode !== 'audio') {
          this.mode = 'audio';
          this.nextBeat = t + Math.max(0.02, (this.nextWall - wall) / 1000);
        }
        // After a throttled background stretch, skip missed beats instead of playing a burst.
        if (this.nextBeat < t - 0.05) this.nextBeat = t + 0.05;
        this.clicks = this.clicks.filter(([at]) => at > t - 0.1);
        while (this.nextBeat < t + ahead) {
          const gain = Sound.click(this.nextBeat);
          if (gain) this.clicks.push([this.nextBeat, gain]);
          this.pulse((this.nextBeat - t) * 1000);
          this.nextBeat += period;
        }
        this.nextWall = wall + (this.nextBeat - t) * 1000;
      } else {
        this.mode = 'wall';
        if (this.nextWall < wall - 50) this.nextWall = wall + 50;
        while (this.nextWall < wall + ahead * 1000) {
          this.pulse(this.nextWall - wall);
          this.nextWall += period * 1000;
        }
      }
    }

    pulse(delayMs) {
      const on = setTimeout(() => {
        this.pulseTimers.delete(on);
        this.root.classList.add('beat');
        const off = setTimeout(() => {
          this.pulseTimers.delete(off);
          this.root.classList.remove('beat');
        }, PULSE_MS);
        this.pulseTimers.add(off);
      }, Math.max(0, delayMs));
      this.pulseTimers.add(on);
    }

    stop() {
      if (activeMetronome === this) activeMetronome = null;
      if (!this.playing) return;
      this.playing = false;
      clearInterval(this.loopHandle);
      for (const t of this.pulseTimers) clearTimeout(t);
      this.pulseTimers.clear();
      for (const [, gain] of this.clicks) {
        try {
          gain.disconnect();
        } catch (_) {
          /* already gone */
        }
      }
      this.clicks = [];
      this.root.classList.remove('playing', 'beat');
      this.toggleButton.setAttribute('aria-pressed', 'false');
    }

    destroy() {
      this.stop();
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  class Player {
    constructor(form) {
      this.form = form;
      this.dirty = false;
      this.submitting = false;
      this.index = -1;
      form.dataset.playerReady = 'true';
      form.classList.add('js');

      const cap = (form.dataset.timerCap || '').trim();
      this.cap = /^\d+$/.test(cap) ? parseInt(cap, 10) : null;

      this.steps = Array.from(form.querySelectorAll('.step'));
      this.exerciseSteps = this.steps.filter((s) => !s.classList.contains('step-finish'));

      this.progress = form.querySelector('.player-progress');
      if (!this.progress) {
        this.progress = el('p', { class: 'player-progress', 'aria-live': 'polite' });
        form.prepend(this.progress);
      }
      this.announcer = el('p', { class: 'player-announce', role: 'status', 'aria-live': 'polite' });
      form.append(this.announcer);

      this.holds = [];
      this.holdByFieldset = new Map();
      for (const root of form.querySelectorAll('.hold-timer')) {
        const seconds = this.capSeconds(parseInt(root.dataset.seconds, 10));
        if (!Number.isFinite(seconds) || seconds < 0) continue;
        const timer = new HoldTimer(this, root);
        this.holds.push(timer);
        if (timer.fieldset) this.holdByFieldset.set(timer.fieldset, timer);
      }
      this.restByStep = new Map();
      for (const root of form.querySelectorAll('.rest-timer')) {
        const step = root.closest('.step');
        if (!step || this.restByStep.has(step)) continue;
        this.restByStep.set(step, new RestTimer(this, root));
      }
      this.metronomes = Array.from(form.querySelectorAll('.metronome'), (root) => new Metronome(this, root));

      this.prevButton = button('player-prev', 'Previous');
      // The step noun comes from data-step-noun ("exercise" in a session, "test" in a test session).
      this.noun = this.form.dataset.stepNoun || 'exercise';
      this.nextButton = button('player-next primary', `Next ${this.noun}`);
      this.nav = el('div', { class: 'player-nav', role: 'group', 'aria-label': 'Exercise navigation' }, [
        this.prevButton,
        this.nextButton,
      ]);
      form.append(this.nav);
      this.prevButton.addEventListener('click', () => this.show(this.index - 1));
      this.nextButton.addEventListener('click', () => this.show(this.index + 1));

      for (const step of this.steps) {
        const heading = step.querySelector('h1, h2, h3');
        if (heading && !heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
        if (!heading) step.setAttribute('tabindex', '-1');
      }
      for (const set of form.querySelectorAll('fieldset')) {
        if (set.querySelector('.set-done') && !set.hasAttribute('tabindex')) set.setAttribute('tabindex', '-1');
      }

      this.listen();

      // Start where the server reported an error (re-rendered form), otherwise at the first step.
      const problem = form.querySelector('.errorlist, .errors, [aria-invalid="true"]');
      const start = problem ? this.steps.indexOf(problem.closest('.step')) : 0;
      this.show(Math.max(0, start), { focus: false, scroll: false });
    }

    capSeconds(seconds) {
      if (!Number.isFinite(seconds)) return NaN;
      return this.cap === null ? seconds : Math.min(seconds, this.cap);
    }

    listen() {
      const form = this.form;
      this.onClick = (event) => {
        const done = event.target.closest?.('.set-done');
        if (done && form.contains(done)) this.setDone(done);
      };
      this.onInput = (event) => {
        const t = event.target;
        if (t.name && t.type !== 'hidden') this.dirty = true;
      };
      // Enter in an exercise's input must not submit the whole session from a hidden step.
      this.onKeydown = (event) => {
        if (event.key !== 'Enter' || event.isComposing) return;
        const t = event.target;
        if (!(t instanceof HTMLInputElement)) return;
        const step = t.closest('.step');
        if (!step || step.classList.contains('step-finish')) return;
        event.preventDefault();
        const inputs = Array.from(step.querySelectorAll('input:not([type=hidden]):not([disabled])')).filter(
          (i) => !i.closest('[hidden]'),
        );
        const next = inputs[inputs.indexOf(t) + 1];
        if (next) next.focus();
        else t.blur();
      };
      // Native validation cannot show its message on a control inside a hidden step: reveal that step first.
      this.invalidSeen = false;
      this.onInvalid = (event) => {
        if (this.invalidSeen) return;
        this.invalidSeen = true;
        setTimeout(() => {
          this.invalidSeen = false;
        }, 0);
        const step = event.target.closest?.('.step');
        const i = this.steps.indexOf(step);
        if (i >= 0 && i !== this.index) this.show(i, { focus: false, scroll: false });
      };
      form.addEventListener('click', this.onClick);
      form.addEventListener('input', this.onInput);
      form.addEventListener('change', this.onInput);
      form.addEventListener('keydown', this.onKeydown);
      form.addEventListener('invalid', this.onInvalid, true);
    }

    show(i, { focus = true, scroll = true } = {}) {
      if (!this.steps.length) return;
      i = clamp(i, 0, this.steps.length - 1);
      if (i !== this.index && this.index >= 0) this.leave(this.steps[this.index]);
      this.index = i;
      const step = this.steps[i];
      this.steps.forEach((s, k) => {
        s.hidden = k !== i;
      });

      const isFinish = step.classList.contains('step-finish');
      const title = step.dataset.stepTitle || step.querySelector('h1, h2, h3')?.textContent.trim() || '';
      if (isFinish) {
        setText(this.progress, title || 'Finish');
      } else {
        const n = this.exerciseSteps.indexOf(step) + 1;
        const total = this.exerciseSteps.length;
        setText(this.progress, `${this.noun[0].toUpperCase()}${this.noun.slice(1)} ${n} of ${total}${title ? `: ${title}` : ''}`);
      }

      const last = i === this.steps.length - 1;
      const nextIsFinish = !last && this.steps[i + 1].classList.contains('step-finish');
      this.prevButton.disabled = i === 0;
      this.nextButton.hidden = isFinish || last;
      setText(this.nextButton, nextIsFinish ? 'Finish' : `Next ${this.noun}`);
      this.nextButton.classList.remove('attention');
      this.form.dataset.step = String(i + 1);

      if (scroll) this.scrollToForm();
      if (focus) this.focusNode(this.headingOf(step) || step);
    }

    leave(step) {
      for (const hold of this.holds) if (hold.running && step.contains(hold.root)) hold.pause();
      this.restByStep.get(step)?.stop();
      if (activeMetronome) activeMetronome.stop();
    }

    headingOf(step) {
      return step ? step.querySelector('h1, h2, h3') || step : null;
    }

    focusNode(node) {
      if (!node) return;
      try {
        node.focus({ preventScroll: true });
      } catch (_) {
        node.focus();
      }
    }

    scrollToForm() {
      const top = this.form.getBoundingClientRect().top;
      if (top < 0) {
        window.scrollTo({ top: window.scrollY + top, behavior: reducedMotion.matches ? 'auto' : 'smooth' });
      }
    }

    scrollToNode(node) {
      node.scrollIntoView?.({ block: 'start', behavior: reducedMotion.matches ? 'auto' : 'smooth' });
    }

    onHoldStart(timer) {
      // One hold at a time; starting a hold means the rest is over.
      for (const hold of this.holds) if (hold !== timer && hold.running) hold.pause();
      const step = timer.root.closest('.step');
      const rest = step && this.restByStep.get(step);
      if (rest?.running) rest.stop();
    }

    setDone(doneButton) {
      const set = doneButton.closest('fieldset');
      const step = doneButton.closest('.step');
      if (!set || !step) return;
      this.holdByFieldset.get(set)?.stopAndRecord();
      for (const m of this.metronomes) if (m.playing && set.contains(m.root)) m.stop();
      set.classList.add('completed');
      this.dirty = true;

      const sets = Array.from(step.querySelectorAll('fieldset')).filter((f) => f.querySelector('.set-done'));
      const next = sets[sets.indexOf(set) + 1];
      const legend = set.querySelector('legend')?.textContent.trim() || 'Set';
      const rest = this.restByStep.get(step);
      if (!next) {
        rest?.stop();
        this.nextButton.classList.add('attention');
        this.announce(`${legend} done. ${this.nextButton.hidden ? '' : `Next: ${this.nextButton.textContent}.`}`);
        if (!this.nextButton.hidden) this.focusNode(this.nextButton);
        return;
      }
      if (rest) {
        rest.start(next);
        this.announce(`${legend} done. Rest ${formatSeconds(rest.seconds)}.`);
      } else {
        this.announce(`${legend} done.`);
      }
      this.focusNode(next);
      this.scrollToNode(next);
    }

    announce(text) {
      const region = this.announcer;
      region.textContent = '';
      // A fresh text node after a tick makes screen readers repeat identical messages.
      setTimeout(() => {
        region.textContent = text;
      }, 50);
    }

    destroy() {
      for (const t of this.holds) t.destroy();
      for (const t of this.restByStep.values()) t.destroy();
      for (const m of this.metronomes) m.destroy();
      const form = this.form;
      form.removeEventListener('click', this.onClick);
      form.removeEventListener('input', this.onInput);
      form.removeEventListener('change', this.onInput);
      form.removeEventListener('keydown', this.onKeydown);
      form.removeEventListener('invalid', this.onInvalid, true);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  let current = null;

  const init = () => {
    const form = document.getElementById('player');
    if (!form || form.dataset.playerReady) return;
    if (current) current.destroy();
    current = new Player(form);
  };

  // First user gesture: create/resume the AudioContext and ask for the wake lock.
  const onGesture = () => {
    if (!current || !current.form.isConnected) return;
    if (navigator.userActivation && !navigator.userActivation.isActive) return;
    Sound.unlock();
    Wake.want();
  };
  for (const type of ['click', 'keydown', 'touchend', 'pointerup']) {
    document.addEventListener(type, onGesture, { capture: true, passive: true });
  }

  // Submission is final only if nobody cancelled the submit event (window listeners run last).
  window.addEventListener('submit', (event) => {
    if (current && event.target === current.form && !event.defaultPrevented) current.submitting = true;
  });
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && current) current.submitting = false;
  });
  window.addEventListener('beforeunload', (event) => {
    if (!current || current.submitting || !current.dirty || !current.form.isConnected) return;
    event.preventDefault();
    event.returnValue = '';
  });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init, { once: true });
  else init();
  // Harmless without htmx: picks up a player swapped into the page later.
  document.addEventListener('htmx:load', init);
})();
