// Entry of the chat frame: /widget/frame.html?origin=HOST_ORIGIN
import { render } from 'preact';
import './styles.css';
import { App } from './components/App';
import { Chat } from './chat';
import { Bridge, hostOriginFrom } from '../../shared/bridge';
import { sameOriginWsUrl } from '../../shared/socket';
import { unlockAudio } from './lib/beep';
import { load } from './i18n';
import { browserLanguages, resolveLocale } from './lib/locale';
import { shipped } from './i18n';

const bridge = new Bridge(hostOriginFrom(location.search), window.parent);
const chat = new Chat(bridge, sameOriginWsUrl());
for (const ev of ['pointerdown', 'keydown']) addEventListener(ev, unlockAudio, { once: true, capture: true });
chat.start();
// The browser's language is the likeliest answer: its strings load while the session is being opened, and the
// first render waits for them (a few ms from cache), so no English flashes before the visitor's language.
const first = load(resolveLocale(null, null, browserLanguages(), shipped));
const show = () => render(<App chat={chat} />, document.getElementById('app')!);
if (first) first.then(show); else show();
