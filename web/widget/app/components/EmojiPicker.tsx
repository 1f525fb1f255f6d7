const EMOJI = '😀 😃 😄 😁 😅 😂 🙂 😉 😊 😍 🥰 😘 😎 🤔 😐 😕 🙁 😢 😭 😡 👍 👎 👏 🙏 👋 💪 🎉 ❤️ 🔥 ✅ ❌ ⭐'.split(' ');

export function EmojiPicker({ onPick, label }: { onPick: (e: string) => void; label: string }) {
  return (
    <div class="emoji" role="group" aria-label={label}>
      {EMOJI.map((e) => <button key={e} type="button" onClick={() => onPick(e)} aria-label={e}>{e}</button>)}
    </div>
  );
}
