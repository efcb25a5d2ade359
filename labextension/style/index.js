import './modules.css';
import './saveStatus.css';
