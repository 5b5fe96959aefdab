/**
 * The write token field shared by the pages that change the store. The token is kept in
 * sessionStorage, so it outlives a reload but not the tab; forms read it when they submit.
 */
import { useState } from "preact/hooks";
import { getToken, setToken } from "./api";

export function TokenField() {
  const [value, setValue] = useState(getToken);
  return (
    <div class="token">
      <label for="token">Write token</label>
      <input
        id="token"
        type="password"
        autocomplete="off"
        spellcheck={false}
        value={value}
        aria-describedby="token-hint"
        data-testid="token"
        onInput={(e) => {
          setValue(e.currentTarget.value);
          setToken(e.currentTarget.value.trim());
        }}
      />
      <p id="token-hint" class="hint">
        {value ? "Kept for this browser tab only." : "Needed to change the store: `entente serve` prints it when it first starts."}
      </p>
    </div>
  );
}
