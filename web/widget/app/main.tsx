// Entry of the chat frame: /widget/frame.html?origin=HOST_ORIGIN
import { render } from 'preact';
import './styles.css';
import { App } from './components/App';
import { Chat } from './chat';
import { Bridge, hostOriginFrom } from './lib/bridge';
import { unlockAudio } from './lib/beep';

const bridge = new Bridge(hostOriginFrom(location.search), window.parent);
const chat = new Chat(bridge, `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
for (const ev of ['pointerdown', 'keydown']) addEventListener(ev, unlockAudio, { once: true, capture: true });
render(<App chat={chat} />, document.getElementById('app')!);
chat.start();
